using System.Linq.Expressions;
using System.Reflection;

namespace Sparkify.Loader.Plan;

/// <summary>
/// When a statement of the load runs, as code over the run's <see cref="RunFacts"/>: the loader evaluates it to decide,
/// and the plan prints the words generated from the same expression, so that the two cannot disagree.
/// </summary>
/// <remarks>
/// The words come from the facts' <see cref="SaysAttribute"/>s joined as the expression joins them (<c>!</c>, <c>&amp;&amp;</c>,
/// <c>||</c>); an expression of any other shape is refused when the condition is made, so every condition can be said.
/// </remarks>
public sealed class RunCondition
{
    private readonly Func<RunFacts, bool> _holds;

    private RunCondition(Expression<Func<RunFacts, bool>> test, Func<RunFacts, bool> holds, string description)
    {
        Test = test;
        _holds = holds;
        Description = description;
    }

    /// <summary>Every run.</summary>
    public static RunCondition Always { get; } = new(_ => true, _ => true, "");

    /// <summary>The code: what the loader evaluates and the words are generated from.</summary>
    public Expression<Func<RunFacts, bool>> Test { get; }

    /// <summary>Only in a run whose facts satisfy <paramref name="test"/>.</summary>
    /// <remarks>Interpreted rather than compiled: a condition is evaluated a few times per run, and compiling costs more than that.</remarks>
    public static RunCondition Only(Expression<Func<RunFacts, bool>> test) =>
        new(test, test.Compile(preferInterpretation: true), "only when " + Describe(test.Body));

    public bool IsAlways => ReferenceEquals(this, Always);

    /// <summary>The condition in words, generated from its expression: "only when this is a full reload or …"; empty for <see cref="Always"/>.</summary>
    public string Description { get; }

    public bool Holds(RunFacts facts) => _holds(facts);

    public override string ToString() => IsAlways ? "always" : Description;

    /// <summary>The words for <paramref name="expression"/>, or for its negation.</summary>
    public static string Describe(Expression expression, bool negated = false) => expression switch
    {
        UnaryExpression { NodeType: ExpressionType.Not } not => Describe(not.Operand, !negated),
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } both =>
            // De Morgan, so that a negation reads as words rather than as "not (…)".
            $"{Describe(both.Left, negated)} {((both.NodeType == ExpressionType.AndAlso) != negated ? "and" : "or")} {Describe(both.Right, negated)}",
        MemberExpression { Expression: ParameterExpression } fact => Says(fact.Member, negated, []),
        MethodCallExpression { Object: ParameterExpression } fact => Says(fact.Method, negated, [.. fact.Arguments.Select(Value)]),
        _ => throw new NotSupportedException(
            $"A run condition is made of RunFacts members joined by !, && and ||, so that it can be said in words; {expression} is not."),
    };

    private static string Says(MemberInfo fact, bool negated, object?[] arguments)
    {
        var says = fact.GetCustomAttribute<SaysAttribute>()
            ?? throw new NotSupportedException($"RunFacts.{fact.Name} has no [Says] words for the plan.");
        var words = negated
            ? says.Otherwise ?? throw new NotSupportedException($"RunFacts.{fact.Name} has no [Says(Otherwise = …)] words for its negation.")
            : says.Words;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, words, arguments);
    }

    /// <summary>An argument of a fact (a table's name), evaluated once when the condition is made: a constant, or what a lambda captured.</summary>
    private static object? Value(Expression argument) => argument switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo field } member => field.GetValue(member.Expression is null ? null : Value(member.Expression)),
        MemberExpression { Member: PropertyInfo property } member => property.GetValue(member.Expression is null ? null : Value(member.Expression)),
        _ => Expression.Lambda(argument).Compile(preferInterpretation: true).DynamicInvoke(),
    };
}

/// <summary>What a <see cref="RunFacts"/> member says in the plan when a condition reads it (<c>{0}</c>: its argument).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method)]
public sealed class SaysAttribute(string words) : Attribute
{
    public string Words { get; } = words;

    /// <summary>What it says negated; a negation of a fact without these words is refused.</summary>
    public string? Otherwise { get; init; }
}
