using System.Net;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;

namespace Preau.IntegrationTests.Helpdesk;

/// <summary>The help pages and known problems written by the circonscription's advisors (level 1), read by everyone.</summary>
public sealed class HelpArticleTests(TestApp app)
{
    [DbFact]
    public async Task AnAdvisor_WritesAKnownProblem_ThatAParentReads_ButCannotEdit()
    {
        var school = await app.NewSchoolAsync();
        using var advisor = await app.SignedInAsync(school.Advisor);
        var (status, editor) = await advisor.GetPageAsync("/aide/modifier");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Nouvelle page d'aide ou problème connu", editor.QuerySelector("h1")!.TextContent.Trim());

        // No title: the form comes back with the message and the text typed.
        var missing = await advisor.SubmitAsync("/aide/modifier", ("Kind", "KnownProblem"), ("Title", ""), ("Body", $"<p>Texte gardé {school.Tag}</p>"));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var again = await UserSession.TextAsync(missing);
        Assert.Contains("Donnez un titre", again, StringComparison.Ordinal);
        Assert.Contains($"Texte gardé {school.Tag}", again, StringComparison.Ordinal);

        var title = $"Photos invisibles {school.Tag}";
        var created = await advisor.SubmitAsync("/aide/modifier", ("Kind", "KnownProblem"), ("Title", title),
            ("Body", "<p>Les photos des albums ne s'affichent pas.</p><script>alert(1)</script>"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var (_, edit) = await advisor.GetPageAsync(url.Replace("/aide/", "/aide/modifier/", StringComparison.Ordinal));
        Assert.Equal("Modifier la page d'aide", edit.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(title, edit.QuerySelector("#Title")!.GetAttribute("value"));

        using var parent = await app.SignedInAsync(school.GuardianA);
        var (read, article) = await parent.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Contains("Les photos des albums ne s'affichent pas.", UserSession.Text(article), StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", article.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await parent.GetAsync("/aide/modifier")).StatusCode);
    }
}
