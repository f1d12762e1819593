using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Analytics;

/// <summary>Progress as a plain line per query, for logs and CI.</summary>
public sealed class PlainReportObserver(TextWriter output) : IReportObserver
{
    public void QueryStarted(SqlScript query)
    {
    }

    public void QueryDone(SqlScript query, int rows, TimeSpan elapsed) =>
        output.WriteLine($"  {query.Name}: {rows:N0} {(rows == 1 ? "row" : "rows")} in {elapsed.TotalSeconds:N2} s");
}
