namespace Sparkify.Settings;

/// <summary>The database the warehouse lives in: <c>[CLUSTER] ENGINE</c> in dwh.cfg.</summary>
public enum DatabaseEngine
{
    /// <summary>PostgreSQL: a configured server, or the loader's embedded one.</summary>
    Postgres,

    /// <summary>Amazon Redshift: COPY from S3 with an IAM role; DDL from the Redshift migrations generator.</summary>
    Redshift,
}
