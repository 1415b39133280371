using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TwilioConsole.Tests.Fakes;

/// <summary>Drives the real static-SSR forms (setup, sign-in) over HTTP, antiforgery token included.</summary>
public static partial class SignedInClient
{
    public const string AdminEmail = "admin@example.com";
    public const string Password = "Correct-Horse-42";

    public static HttpClient NewClient(this ConsoleAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields, CancellationToken ct) =>
        await client.PostWithTokenAsync(pageUrl, formName, await client.GetFormTokenAsync(pageUrl, ct), fields, ct);

    /// <summary>Loads a form page and returns its antiforgery token (bound to this client's cookies).</summary>
    public static async Task<string> GetFormTokenAsync(this HttpClient client, string pageUrl, CancellationToken ct)
    {
        var page = await client.GetStringAsync(pageUrl, ct);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string pageUrl, string formName, string token, IDictionary<string, string> fields, CancellationToken ct)
    {
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = formName,
        };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(pageUrl, content, ct);
    }

    public static Dictionary<string, string> SetupFields(string setupCode, string email = AdminEmail, string password = Password) => new()
    {
        ["Input.SetupCode"] = setupCode,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    /// <summary>Posts the setup page as the operator would, with the app's one-time setup code.</summary>
    public static Task<HttpResponseMessage> CreateFirstAdminAsync(this HttpClient client, ConsoleAppFactory app, CancellationToken ct, string email = AdminEmail, string password = Password) =>
        client.PostFormAsync("/setup", "setup", SetupFields(app.SetupCode, email, password), ct);

    public static async Task SignInAsync(this HttpClient client, string email, string password, CancellationToken ct)
    {
        var response = await client.PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} failed with {response.StatusCode}");
    }

    /// <summary>A client signed in as the first Admin, created through the setup page.</summary>
    public static async Task<HttpClient> AdminClientAsync(this ConsoleAppFactory factory, CancellationToken ct)
    {
        var client = factory.NewClient();
        var created = await client.CreateFirstAdminAsync(factory, ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await client.SignInAsync(AdminEmail, Password, ct);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
