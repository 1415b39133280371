using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using TwilioConsole.Web.Components.Layout;

namespace TwilioConsole.Tests.Components.Layout;

/// <summary>
/// The account menu is MudMenu's closed button as markup until it is first opened; then the real MudMenu, open. The
/// markup must be the button MudMenu draws, and opening must give the same menu with the focus on its button.
/// </summary>
[Trait("Lane", "Components")]
public sealed class AccountMenuTests : MudTestContext
{
    private const string Name = "admin@example.com";

    [Fact]
    public void Closed_IsTheButtonMudMenuDraws_WithoutAMenuComponent()
    {
        var mud = Render<MudMenu>(p => p.Add(c => c.StartIcon, Icons.Material.Filled.AccountCircle).Add(c => c.Label, Name)
            .Add(c => c.AriaLabel, $"Signed in as {Name}").Add(c => c.Color, Color.Inherit).Add(c => c.Variant, Variant.Text)
            .Add(c => c.Class, "user-menu").AddChildContent("<div>items</div>"));
        var menu = Render<AccountMenu>(p => p.Add(c => c.Name, Name));

        Assert.Empty(menu.FindComponents<MudMenu>());
        Assert.Equal(Classes(mud.Find(".mud-menu").ClassName), Classes(menu.Find("[data-testid=user-menu]").ClassName));
        var expected = mud.Find("button.mud-menu-button-activator");
        var button = menu.Find("[data-testid=user-menu] > button");
        Assert.Equal(Classes(expected.ClassName), Classes(button.ClassName));
        foreach (var attribute in new[] { "type", "aria-haspopup", "aria-expanded", "aria-label" })
        {
            Assert.Equal(expected.GetAttribute(attribute), button.GetAttribute(attribute));
        }

        Assert.Equal(expected.InnerHtml, button.InnerHtml);
    }

    [Fact]
    public void Opening_SwapsInTheOpenMudMenu_AndKeepsTheFocusOnItsButton()
    {
        var focus = JSInterop.SetupVoid("twilioConsole.focus", "[data-testid=user-menu] .mud-menu-button-activator");
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<AccountMenu>(1);
            builder.AddComponentParameter(2, nameof(AccountMenu.Name), Name);
            builder.CloseComponent();
        });
        Assert.DoesNotContain("My account", page.Markup);

        page.Find("[data-testid=user-menu] > button").Click();

        Assert.Single(page.FindComponents<MudMenu>());
        Assert.Equal("true", page.Find("button.mud-menu-button-activator").GetAttribute("aria-expanded"));
        page.WaitForAssertion(() => Assert.Contains("My account", page.Markup));
        Assert.NotNull(page.Find("[data-testid=sign-out]"));
        focus.VerifyInvoke("twilioConsole.focus");
    }
}
