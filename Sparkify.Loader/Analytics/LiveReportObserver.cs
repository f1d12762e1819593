using Sparkify.Loader.Sql;
using Spectre.Console;

namespace Sparkify.Loader.Analytics;

/// <summary>Progress on a terminal: a line per query, spinning while it runs, then its rows and time.</summary>
public sealed class LiveReportObserver(ProgressContext context) : IReportObserver
{
    private ProgressTask? _current;

    public void QueryStarted(SqlScript query)
    {
        _current = context.AddTask($"{Markup.Escape(query.Name)}", maxValue: 1);
        _current.IsIndeterminate = true;
    }

    public void QueryDone(SqlScript query, int rows, TimeSpan elapsed)
    {
        if (_current is null)
            return;
        _current.Description = $"{Markup.Escape(query.Name)} [grey]({rows:N0} {(rows == 1 ? "row" : "rows")})[/]";
        _current.IsIndeterminate = false;
        _current.Value = 1;
        _current.StopTask();
    }
}
