using System.Text.RegularExpressions;
using Sparkify.Data.Redshift;
using Sparkify.Loader.Sql;
using Sparkify.Loader.Transform;

namespace Sparkify.Tests.Loader.Transform;

public sealed class TransformSqlTests
{
    [Fact]
    public void Every_transform_script_resolves_and_names_what_it_writes_in_its_opening_comment()
    {
        var scripts = SqlScripts.Transforms;

        Assert.Equal(
        [
            "01_replaced_plays.sql", "02_replaced_users.sql", "03_replaced_songplays.sql", "04_replaced_time.sql", "05_replaced_user_rows.sql",
            "06_replaced_song_rows.sql", "07_replaced_artist_rows.sql",
            "08_level_users.sql", "09_rebuilt_plays.sql", "10_rebuilt_levels.sql", "11_level_changes.sql", "12_closed_levels.sql", "13_user_levels.sql",
            "14_user_changes.sql", "15_users.sql", "16_artist_changes.sql", "17_artists.sql", "18_song_changes.sql", "19_songs.sql",
            "20_play_changes.sql", "21_songplays.sql", "22_time.sql",
        ], scripts.Select(s => s.Name));
        foreach (var script in scripts.Concat(SqlScripts.Cleanup))
        {
            var written = Regex.Match(script.Sql, @"^(create temp table|merge into|insert into|delete from|update|drop table) (\w+)", RegexOptions.Multiline).Groups[2].Value;
            Assert.True(script.Subject.Split(", ").Contains(written), $"{script.Name} writes {written} but opens with '-- {script.Subject}:'");
        }
    }

    [Fact]
    public void Transform_sql_has_no_construct_Redshift_lacks()
    {
        var offences = TransformPlan.Statements.Select(s => s.Script).Concat(SqlScripts.Cleanup)
            .SelectMany(s => RedshiftUnsupportedSql.FindIn(s.Sql).Select(c => $"{s.Name}: {c.Name} ({c.Documentation})"));

        Assert.Empty(offences);
    }

    [Theory]
    [InlineData("the event-to-song match", @"events\.song\s*=\s*songs\.title")]
    [InlineData("the users' latest play", @"order by ts desc")]
    public void Each_rule_is_stated_in_one_file(string rule, string pattern)
    {
        var stating = SqlScripts.Transforms.Where(s => Regex.IsMatch(s.Sql, pattern)).Select(s => s.Name).ToList();

        Assert.True(stating.Count == 1, $"{rule} should be written once, found in: {string.Join(", ", stating)}");
    }

    [Fact]
    public void Every_star_table_is_rebuilt_when_the_staging_it_comes_from_is_restaged()
    {
        var rebuilt = TransformPlan.Statements.Where(s => !s.When.IsAlways).Select(s => (s.Script.Subject, s.When.Description));

        Assert.Equal(
        [
            ("songplays", "only when staging_events is staged afresh or staging_songs is staged afresh"),
            ("time", "only when staging_events is staged afresh or staging_songs is staged afresh"),
            ("user_levels", "only when staging_events is staged afresh"),
            ("users", "only when staging_events is staged afresh"),
            ("songs", "only when staging_songs is staged afresh"),
            ("artists", "only when staging_songs is staged afresh"),
        ], rebuilt);
    }
}
