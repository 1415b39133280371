using System.Security.Claims;

namespace TwilioConsole.Web.Components.Shared;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The name recorded in the audit log: the signed-in user's email.</summary>
    public static string AuditName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static string Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
