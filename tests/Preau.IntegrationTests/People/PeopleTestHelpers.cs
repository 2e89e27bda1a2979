using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.People;

internal static class PeopleTestHelpers
{
    private static readonly HtmlParser Parser = new();

    public static async Task<UserSession> SignedInAsync(this TestApp app, TestAccount account)
    {
        var session = app.NewSession();
        var response = await session.LoginAsync(account.Login, account.Password, account.AuthenticatorKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>
    /// Posts to <paramref name="url"/> with a valid antiforgery token taken from the home page, as a person
    /// who forges the request would (the token is tied to the session, not to the page).
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this UserSession session, string url, params (string Name, string Value)[] fields)
    {
        var (_, home) = await session.GetPageAsync("/");
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the home page");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token));
        return await session.Client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Follows the redirect to the credentials page and reads the login and password shown once.</summary>
    public static async Task<(string Login, string Password, string Url)> ReadCredentialsAsync(this UserSession session, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        Assert.EndsWith("/identifiants", url, StringComparison.Ordinal);
        var (status, doc) = await session.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var login = doc.QuerySelector("#issued-login")?.TextContent.Trim();
        var password = doc.QuerySelector("#issued-password")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(login));
        Assert.False(string.IsNullOrEmpty(password));
        return (login!, password!, url);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/acces-refuse", StringComparison.Ordinal) == true);
}
