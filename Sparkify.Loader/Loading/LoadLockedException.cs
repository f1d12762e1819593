namespace Sparkify.Loader.Loading;

/// <summary>Another load holds the database's load lock, and waiting for it timed out.</summary>
public sealed class LoadLockedException(string message) : Exception(message);
