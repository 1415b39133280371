using Microsoft.AspNetCore.Identity;

namespace TwilioConsole.Core.Data;

/// <summary>A staff member who signs in to the console. Disabled users are locked out indefinitely.</summary>
public sealed class AppUser : IdentityUser
{
    [PersonalData]
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsDisabled { get; set; }
}
