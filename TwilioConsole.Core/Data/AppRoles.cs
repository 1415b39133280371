namespace TwilioConsole.Core.Data;

/// <summary>The two roles of the console: Admins manage settings and users; Staff run the contact center.</summary>
public static class AppRoles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";

    public static readonly IReadOnlyList<string> All = [Admin, Staff];
}
