namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// How the stand-in reads COPY's MAXERROR. The guide: "If the load returns the error_count number of errors or greater, the load
/// fails … Set this value to 0 or 1 if you want the load to fail as soon as the first error occurs"
/// (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html#copy-maxerror). The loader must hold
/// --max-errors alike whichever way a cluster reads it, so the tests run both.
/// </summary>
public enum MaxErrorReading
{
    /// <summary>As the guide states it: the load fails at error_count errors (at the first for 0 or 1).</summary>
    AsDocumented,

    /// <summary>The other reading: the load fails only at more than error_count errors.</summary>
    MoreThan,
}
