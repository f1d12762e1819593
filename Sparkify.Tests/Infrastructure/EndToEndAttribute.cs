using Xunit.v3;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// Marks a test (or every test of a class) that starts processes, reads the real data set, or talks to the loopback S3 server:
/// the slow tier, which <c>dotnet test --filter "Category!=EndToEnd"</c> leaves out of the inner loop.
/// </summary>
/// <param name="why">What makes it slow, for people reading the test.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class EndToEndAttribute(string why) : Attribute, ITraitAttribute
{
    public const string Category = "Category";
    public const string Name = "EndToEnd";

    public string Why { get; } = why;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Category, Name)];
}
