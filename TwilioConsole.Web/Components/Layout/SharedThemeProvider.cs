using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;
using TwilioConsole.Web.Components.Shared;

namespace TwilioConsole.Web.Components.Layout;

/// <summary>
/// MudThemeProvider, with its style text shared by every page instead of built again for each. MudBlazor writes the
/// theme's CSS variables (about 25 KB of text) as a new string in every circuit's render tree, where it stays for as long
/// as the page is open; the text only changes with the theme and the dark mode, so each distinct text is kept once and
/// every page's tree points at that one copy (ADR 14). Anything MudBlazor renders besides style markup is passed through.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // Reading the frames MudBlazor wrote needs the render tree's own types (BL0006: they may change between .NET
    // versions). Only markup frames are copied; anything else falls back to MudBlazor's own rendering, and a Components
    // test checks the output is MudThemeProvider's.
#pragma warning disable BL0006
    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        var builder = __builder;
        using var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                base.BuildRenderTree(builder); // a MudBlazor version that renders more than markup: draw it as it is
                return;
            }
        }

        for (var i = 0; i < frames.Count; i++)
        {
#pragma warning disable ASP0006 // the sequence numbers MudBlazor wrote, so its frames diff as they would unshared
            builder.AddMarkupContent(frames.Array[i].Sequence, SharedMarkup.Intern(frames.Array[i].MarkupContent));
#pragma warning restore ASP0006
        }
    }

#pragma warning restore BL0006
}
