using Sparkify.Loader.Staging;

namespace Sparkify.Loader.Reporting;

/// <summary>What a staging selection found that people should hear about: files not read, links not followed.</summary>
internal static class StagingWarnings
{
    public static IEnumerable<string> Of(StagingSelection selection)
    {
        if (selection.Others.Count > 0)
            yield return $"{selection.Table}: {selection.Others.Count:N0} file(s) beside the input are not input and were not read " +
                         $"({FileSelection.Names(selection.Others)}); [S3] OTHER_FILES = error makes them stop the run.";
        foreach (var cycle in selection.Cycles)
            yield return $"{selection.Table}: {cycle}, a cycle: not followed (every file below it is read once, by its real path).";
    }
}
