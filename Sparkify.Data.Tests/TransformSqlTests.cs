using Sparkify.Data.Redshift;
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

    [Fact]
    public void Transform_sql_has_no_construct_Redshift_lacks()
    {
        var offences = SqlScripts.Transforms
            .SelectMany(s => RedshiftUnsupportedSql.FindIn(s.Sql).Select(c => $"{s.Name}: {c.Name} ({c.Documentation})"));

        Assert.Empty(offences);
    }
}
