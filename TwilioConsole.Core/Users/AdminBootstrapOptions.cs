namespace TwilioConsole.Core.Users;

/// <summary>
/// For unattended installs: when both are set and no user exists yet, this Admin is created at start-up.
/// Bound from <c>TwilioConsole:Admin</c>; put the password in an environment variable or user secrets.
/// </summary>
public sealed class AdminBootstrapOptions
{
    public const string Section = "TwilioConsole:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
