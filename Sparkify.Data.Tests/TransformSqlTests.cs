using System.Text.RegularExpressions;
using Sparkify.Loader.Transform;

namespace Sparkify.Data.Tests;

public sealed class TransformSqlTests
{
    [Fact]
    public void Every_transform_script_resolves_and_states_its_grain()
    {
        var scripts = SqlScripts.Transforms;

        Assert.Equal(
            ["01_users_update.sql", "02_users_insert.sql", "03_artists.sql", "04_songs.sql", "05_time.sql", "06_songplays.sql"],
            scripts.Select(s => s.Name));
        Assert.All(scripts, s => Assert.StartsWith($"-- {s.Table}: ", s.Sql));
    }

    /// <summary>PostgreSQL features that Redshift does not have; the transforms must run on both.</summary>
    [Theory]
    [InlineData(@"\bon\s+conflict\b", "ON CONFLICT")]
    [InlineData(@"\bdistinct\s+on\b", "DISTINCT ON")]
    [InlineData(@"\bdo\s+\$", "DO blocks")]
    [InlineData(@"\breturning\b", "RETURNING")]
    [InlineData(@"\bmerge\b", "MERGE")]
    [InlineData(@"::", "PostgreSQL casts (use CAST)")]
    [InlineData(@"\bE'", "E'' strings")]
    [InlineData(@"\bto_timestamp\b", "TO_TIMESTAMP on numbers")]
    [InlineData(@"\bgenerate_series\b", "GENERATE_SERIES on tables")]
    public void Transform_sql_avoids_a_construct_Redshift_lacks(string pattern, string construct)
    {
        var offenders = SqlScripts.Transforms
            .Where(s => Regex.IsMatch(WithoutComments(s.Sql), pattern, RegexOptions.IgnoreCase))
            .Select(s => s.Name);
        Assert.True(!offenders.Any(), $"{construct} in {string.Join(", ", offenders)}");
    }

    private static string WithoutComments(string sql) => Regex.Replace(sql, "--[^\n]*", "");
}
