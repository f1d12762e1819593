using Amazon.S3;
using Sparkify.Loader.Loading;
using Sparkify.Loader.Staging;
using Sparkify.Loader.Staging.Redshift;
using Sparkify.Loader.Staging.Sources;
using Sparkify.Settings;

namespace Sparkify.Loader.Engines;

/// <summary>The one place that chooses the engine from dwh.cfg; everything else asks the engine object it returns.</summary>
public static class WarehouseEngines
{
    /// <param name="s3">Makes the S3 client when one is first needed; by default the one dwh.cfg describes (<see cref="S3Clients"/>).</param>
    public static IWarehouseEngine For(DwhConfig config, Func<IAmazonS3>? s3 = null) => config.Engine switch
    {
        DatabaseEngine.Redshift => new RedshiftEngine(RedshiftCopySettings.From(config), s3 ?? (() => S3Clients.Create(config)), config.RedshiftServerless),
        _ => new PostgresEngine(InputSources.From(config, s3)),
    };
}
