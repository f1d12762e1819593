namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>A notice an intercepted statement sends its client before its result, as Redshift's COPY sends an INFO.</summary>
/// <param name="Severity">PostgreSQL's word for it: INFO, NOTICE, WARNING, LOG or DEBUG.</param>
public sealed record InterceptedNotice(string Severity, string Message);
