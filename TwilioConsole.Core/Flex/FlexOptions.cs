namespace TwilioConsole.Core.Flex;

/// <summary>Bound from <c>TwilioConsole:Flex</c>.</summary>
public sealed class FlexOptions
{
    public const string Section = "TwilioConsole:Flex";

    /// <summary>
    /// The built plugin bundle the Flex page deploys. Empty: <c>flex-plugin/build/plugin-auto-accept.js</c>, looked for
    /// from the working directory and the app's folder upwards (so <c>dotnet run</c> from a clone finds it).
    /// </summary>
    public string? PluginBundlePath { get; set; }
}
