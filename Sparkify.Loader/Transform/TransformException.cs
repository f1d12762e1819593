using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Transform;

/// <summary>A transform statement failed; the message names its file.</summary>
public sealed class TransformException(SqlScript script, Exception inner)
    : Exception($"{script.Name} failed: {inner.Message}", inner)
{
    public SqlScript Script { get; } = script;
}
