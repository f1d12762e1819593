using System.Runtime.CompilerServices;
using Sparkify.Loader.Reporting;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// Points the loader's cache (<see cref="FingerprintCache"/>) at a folder of the test run's own, for the tests that call it
/// in-process and the loaders they start alike, so tests neither read what a user's runs cached nor leave anything in the
/// home folder of the machine that runs them.
/// </summary>
internal static class TestCacheFolder
{
    [ModuleInitializer]
    internal static void Use()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sparkify-tests-cache-{Environment.ProcessId}");
        Environment.SetEnvironmentVariable(FingerprintCache.FolderVariable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A loader a test could not stop still writes there: the system's temporary folder is cleaned in time.
            }
        };
    }
}
