using Sparkify.Loader.Sql;

namespace Sparkify.Loader.Analytics;

/// <summary>Hears about each query of the report as it runs, to show progress.</summary>
public interface IReportObserver
{
    void QueryStarted(SqlScript query);

    void QueryDone(SqlScript query, int rows, TimeSpan elapsed);
}
