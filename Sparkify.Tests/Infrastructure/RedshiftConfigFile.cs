namespace Sparkify.Tests.Infrastructure;

/// <summary>A dwh.cfg for the Redshift engine as a cluster's user writes it; the tests that use it reach no cluster.</summary>
public static class RedshiftConfigFile
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/sparkify-s3-read";

    /// <summary>Writes <c>dwh.cfg</c> into <paramref name="folder"/>; <paramref name="moreS3"/> are extra lines of its [S3] section.</summary>
    public static string Write(string folder, string? arn = RoleArn, string logData = "s3://udacity-dend/log_data", string region = "us-west-2",
        string manifestPrefix = "", string password = "", string logJsonPath = "s3://udacity-dend/log_json_path.json", params string[] moreS3)
    {
        var path = Path.Combine(folder, "dwh.cfg");
        File.WriteAllLines(path,
        [
            "[CLUSTER]",
            "ENGINE = redshift",
            "HOST = sparkify.abc123xyz.us-west-2.redshift.amazonaws.com",
            "DB_NAME = dev",
            "DB_USER = awsuser",
            $"DB_PASSWORD = {password}",
            "[IAM_ROLE]",
            $"ARN = {arn}",
            "[S3]",
            "SONG_DATA = s3://udacity-dend/song_data",
            $"LOG_DATA = {logData}",
            $"LOG_JSONPATH = {logJsonPath}",
            $"REGION = {region}",
            "MAXERROR = 3",
            $"MANIFEST_PREFIX = {manifestPrefix}",
            .. moreS3,
        ]);
        return path;
    }
}
