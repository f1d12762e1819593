namespace Sparkify.Settings;

/// <summary>A setting in dwh.cfg is missing or wrong; the message names the file, the key and the fix.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
