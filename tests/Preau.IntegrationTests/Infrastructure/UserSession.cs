using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OtpNet;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>A person's browser, reduced to HTTP: cookies kept, redirects visible, forms posted with their antiforgery token.</summary>
public sealed class UserSession(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url);

    public async Task<(HttpStatusCode Status, IHtmlDocument Document)> GetPageAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return (response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// Opens <paramref name="url"/>, finds the post form (the first, or the one whose action or submit button
    /// matches <paramref name="formSelector"/>), keeps its hidden fields (the antiforgery token among them),
    /// sets <paramref name="fields"/> and posts it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formSelector = null)
    {
        var (status, doc) = await GetPageAsync(url);
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)status}");
        }
        return await SubmitFormAsync(doc, url, fields, formSelector);
    }

    /// <summary>As <see cref="SubmitAsync(string, IEnumerable{KeyValuePair{string, string}}, string?)"/>, on a page already received (the answer to a post, say).</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(IHtmlDocument doc, string url, IEnumerable<KeyValuePair<string, string>> fields, string? formSelector = null)
    {
        var form = (formSelector is null
            ? doc.QuerySelectorAll("main form[method=post], main form[method=POST]").FirstOrDefault()
            : doc.QuerySelector(formSelector)) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No post form on {url}");
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        var explicitNames = fields.Select(f => f.Key).ToHashSet();
        values.RemoveAll(v => explicitNames.Contains(v.Key));
        values.AddRange(fields);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        return await Client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public Task<HttpResponseMessage> SubmitAsync(string url, params (string Name, string Value)[] fields) =>
        SubmitAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Posts a multipart form (file uploads) found on <paramref name="url"/> with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string url, string formSelector, IEnumerable<(string Name, string FileName, byte[] Content)> files)
    {
        var (_, doc) = await GetPageAsync(url);
        var form = doc.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }
        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            content.Add(part, name, fileName);
        }
        var action = form.GetAttribute("action");
        return await Client.PostAsync(string.IsNullOrEmpty(action) ? url : action, content);
    }

    /// <summary>
    /// Posts a multipart form found on <paramref name="url"/>: its hidden fields (antiforgery token), the given
    /// fields and files (sent as application/octet-stream, so that only the content tells what they are).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitMultipartAsync(string url, string formSelector,
        IEnumerable<(string Name, string Value)> fields, IEnumerable<(string Name, string FileName, byte[] Content)> files)
    {
        var (_, doc) = await GetPageAsync(url);
        var form = doc.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        using var content = new MultipartFormDataContent();
        var given = fields.ToList();
        var names = given.Select(f => f.Name).ToHashSet();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && !names.Contains(i.Name!)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }
        foreach (var (name, value) in given)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, name, fileName);
        }
        var action = form.GetAttribute("action");
        return await Client.PostAsync(string.IsNullOrEmpty(action) ? url : action, content);
    }

    /// <summary>Posts the login form; with an authenticator key, answers the code step too. Returns the last response.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string login, string password, string? authenticatorKey = null)
    {
        var response = await SubmitAsync("/connexion", ("Input.Login", login), ("Input.Password", password));
        if (authenticatorKey is not null && response.Headers.Location?.OriginalString.StartsWith("/connexion/code", StringComparison.Ordinal) == true)
        {
            var code = new Totp(Base32Encoding.ToBytes(authenticatorKey)).ComputeTotp();
            response = await SubmitAsync(response.Headers.Location.OriginalString, ("Code", code));
        }
        return response;
    }

    /// <summary>
    /// GETs a page and answers how many database queries it ran (the Server-Timing header the test app turns on),
    /// so that a test can prove a page does not grow its queries with its data. The page's steady query count: the smallest of five requests in a row, because caches cost queries in whichever
    /// request finds them expired (the charter version, the crisis banner) or emptied (the access cache, by any other
    /// test's change of memberships), on a slow run too.
    /// </summary>
    public async Task<int> QueryCountAsync(string url)
    {
        var fewest = int.MaxValue;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            fewest = Math.Min(fewest, await QueryCountOnceAsync(url));
        }
        return fewest;
    }

    /// <summary>The queries of one request (QueryCountAsync takes the fewest of five, against other tests' writes).</summary>
    public async Task<int> QueryCountOnceAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Server-Timing", out var values), "No Server-Timing header: is Preau:Diagnostics:ServerTiming on?");
        var match = System.Text.RegularExpressions.Regex.Match(string.Join(',', values), "db;desc=\"(\\d+) queries\"");
        Assert.True(match.Success);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Text(IDocument doc) => doc.Body?.TextContent ?? "";

    /// <summary>The text a person reads on the page the response carries (entities decoded).</summary>
    public static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static async Task<string> TextAsync(HttpResponseMessage response) =>
        Text(await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));

    public void Dispose() => Client.Dispose();
}
