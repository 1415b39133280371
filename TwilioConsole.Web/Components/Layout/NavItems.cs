using MudBlazor;

namespace TwilioConsole.Web.Components.Layout;

/// <summary>The main menu: what it lists, in order, and which entry the current address makes active.</summary>
public static class NavItems
{
    public abstract record Item;

    /// <param name="Exact">Active only on this very address (the Dashboard); otherwise also on the addresses under it.</param>
    public sealed record Link(string Href, string Text, string Icon, bool Exact = false) : Item;

    public sealed record Group(string Id, string Title, string Icon, IReadOnlyList<Link> Links, bool AdminOnly = false) : Item;

    public static readonly IReadOnlyList<Item> Menu =
    [
        new Link("", "Dashboard", Icons.Material.Filled.Dashboard, Exact: true),
        new Link("live", "Live", Icons.Material.Filled.MonitorHeart),
        new Group("contact-center", "Contact center", Icons.Material.Filled.SupportAgent,
        [
            new Link("ivr", "IVR", Icons.Material.Filled.Phone),
            new Link("routing", "Routing", Icons.Material.Filled.AccountTree),
            new Link("flex", "Flex", Icons.Material.Filled.Extension),
            new Link("calls", "Test call", Icons.Material.Filled.PhoneForwarded),
        ]),
        new Group("messaging", "Messaging", Icons.Material.Filled.Sms,
        [
            new Link("sms/send", "Send SMS", Icons.Material.Filled.Send),
            new Link("messages", "Messages", Icons.Material.Filled.Forum),
            new Link("functions", "Functions", Icons.Material.Filled.Functions),
            new Link("completion-texts", "Completion texts", Icons.Material.Filled.MarkChatRead),
        ]),
        new Link("audit", "Audit log", Icons.Material.Filled.History),
        new Group("administration", "Administration", Icons.Material.Filled.AdminPanelSettings,
        [
            new Link("settings", "Settings", Icons.Material.Filled.Settings),
            new Link("users", "Users", Icons.Material.Filled.People),
        ], AdminOnly: true),
    ];

    /// <summary>Whether <paramref name="link"/> is the page at <paramref name="relativePath"/> (base-relative; query and fragment ignored).</summary>
    public static bool IsActive(Link link, string relativePath)
    {
        var path = relativePath.Split('?', '#')[0].TrimEnd('/');
        return link.Exact
            ? string.Equals(path, link.Href, StringComparison.OrdinalIgnoreCase)
            : string.Equals(path, link.Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(link.Href + "/", StringComparison.OrdinalIgnoreCase);
    }
}
