namespace Sparkify.Loader.Staging;

/// <summary>A statement the loader would run, with a name that says what it is for.</summary>
public sealed record PlannedStatement(string Name, string Sql);
