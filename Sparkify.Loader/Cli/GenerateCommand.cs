using System.CommandLine;
using Sparkify.Loader.Generation;
using Spectre.Console;

namespace Sparkify.Loader.Cli;

/// <summary><c>generate</c>: write a deterministic Sparkify-shaped data set and report what it holds.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "Folder to write song_data/, log_data/, log_json_path.json and the report into, replacing an earlier data set there. " +
                          "They are written into a hidden folder inside it and moved into place at the end: a run that fails leaves the folder as it was.",
            Required = true,
        };
        var songs = new Option<int>("--songs") { Description = "Number of songs (one file each).", DefaultValueFactory = _ => 300 }.AcceptsWholeNumbers(min: 1);
        var events = new Option<long>("--events")
        {
            Description = $"Number of events across the {GeneratorOptions.MonthDays} daily log files.",
            DefaultValueFactory = _ => 3_000,
        }.AcceptsWholeNumbers(min: GeneratorOptions.MonthDays);
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same files.", DefaultValueFactory = _ => 42 }.AcceptsWholeNumbers();

        var command = new Command("generate", "Write a deterministic sample of song files and event logs, like the real data set.")
        {
            output, songs, events, seed,
        };
        command.SetAction(parse => ErrorReporter.RunAsync(() =>
        {
            var options = new GeneratorOptions(parse.GetValue(output)!.FullName, parse.GetValue(songs), parse.GetValue(events), parse.GetValue(seed));
            var report = SampleGenerator.Generate(options);
            var table = new Table().Border(TableBorder.Rounded).Title($"written to {Markup.Escape(options.Output)}")
                .AddColumn("what").AddColumn(new TableColumn("count").RightAligned());
            table.AddRow("song files", report.SongFiles.ToString("N0"));
            table.AddRow("artists", report.Artists.ToString("N0"));
            table.AddRow("log files", report.LogFiles.ToString("N0"));
            table.AddRow("events", report.Events.ToString("N0"));
            table.AddRow("NextSong events", report.NextSongEvents.ToString("N0"));
            table.AddRow("users who played a song", report.UsersWhoPlayed.ToString("N0"));
            table.AddRow("users whose level changed", report.UsersWhoChangedLevel.ToString("N0"));
            table.AddRow("periods of a user at one level", report.LevelPeriods.ToString("N0"));
            table.AddRow("plays that match a song", report.MatchedPlays.ToString("N0"));
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        }));
        return command;
    }
}
