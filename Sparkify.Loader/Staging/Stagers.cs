using Sparkify.Data.Settings;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;

namespace Sparkify.Loader.Staging;

/// <summary>The one place that picks how staging works for the configured engine.</summary>
public static class Stagers
{
    public static IStager For(DwhConfig config) => config.Engine switch
    {
        DatabaseEngine.Redshift => new RedshiftStager(RedshiftCopySettings.From(config), () => S3Clients.Create(config)),
        _ => new PostgresStager(InputSources.From(config)),
    };
}
