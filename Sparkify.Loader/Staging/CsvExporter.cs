using System.Text;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>
/// Writes a staging table's input as PostgreSQL CSV, through the same parser as a load: the benchmark's
/// "floor" loads it with <c>psql \copy</c>, to measure what the database alone takes for the same rows.
/// </summary>
/// <remarks>
/// NULL is an empty unquoted field and every text value is quoted, so '' and NULL stay apart (COPY's CSV defaults).
/// Each row ends with the run id <see cref="RunId"/> and its file's number in the listing, as a load's first run would stage it.
/// </remarks>
public static class CsvExporter
{
    /// <summary>The run id every exported row carries: the transforms read one run's rows.</summary>
    public const long RunId = 1;

    public static async Task<long> ExportAsync(IInputSource source, StagingTable table, string csvPath, CancellationToken cancellationToken)
    {
        var parser = new RecordParser(table);
        var record = new StagingRecord(table);
        long rows = 0;
        await using var output = new StreamWriter(csvPath, append: false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder();
        var files = (await source.ListAsync(cancellationToken)).Files;
        for (var fileNumber = 0; fileNumber < files.Count; fileNumber++)
        {
            var file = files[fileNumber];
            await using var raw = source.Open(file, cancellationToken);
            await using var input = InputFileRule.Decode(raw, file);
            var lines = new List<string>();
            table.Split(input, file.Name, (json, number) =>
            {
                parser.Parse(json, file.Name, number, record);
                line.Clear();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    if (i > 0)
                        line.Append(',');
                    Append(line, record, i);
                }
                line.Append(',').Append(RunId).Append(',').Append(fileNumber);
                lines.Add(line.ToString());
            });
            foreach (var text in lines)
                await output.WriteLineAsync(text);
            rows += lines.Count;
        }
        return rows;
    }

    private static void Append(StringBuilder line, StagingRecord record, int column)
    {
        var value = record.ValueText(column);
        if (value is null)
            return;
        if (record.Table.Columns[column].Kind == ColumnKind.Text)
            line.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        else
            line.Append(value);
    }
}
