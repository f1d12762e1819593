namespace Sparkify.Tests.Infrastructure;

/// <summary>The test classes that share one seeded s3rver (seeding the real data set takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class SharedS3Server : ICollectionFixture<S3Server>
{
    public const string Name = "S3 on loopback";
}
