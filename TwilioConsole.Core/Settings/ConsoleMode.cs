namespace TwilioConsole.Core.Settings;

/// <summary>Which Twilio the console talks to: the in-process stand-in, or the real account.</summary>
public enum ConsoleMode
{
    Sandbox,
    Twilio,
}
