using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Requests to the town hall on the demo département: Anne Dubois (director, Jean-Jaurès) files a repair request with a
/// photo; Nadia Roussel (agent, Commune de Vesoul, which serves Jean-Jaurès) comments, takes it on and closes it; the
/// director sees it done and receives the e-mail. axe-core is clean on every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TownHallRequestJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Director_files_a_repair_request_with_a_photo_agent_comments_and_closes_it_director_sees_it_done()
    {
        var title = "Fuite dans le préau " + Guid.NewGuid().ToString("N")[..6];

        var director = await app.SignInDemoAsync("anne.dubois");
        await director.Locator(".space[data-scope=School] .tools a[href$='/demandes-mairie']").First.ClickAsync();
        await Expect(director).ToHaveURLAsync(new Regex("/ecole/[0-9a-f-]+/demandes-mairie$"));
        await Expect(director.Locator("main")).ToContainTextAsync("Commune de Vesoul");
        await Axe.AssertAccessibleAsync(director, "school's requests (director)");
        await director.GetByRole(AriaRole.Link, new() { Name = "Nouvelle demande" }).ClickAsync();
        await Axe.AssertAccessibleAsync(director, "new request (director)");
        await director.GetByLabel("Type de demande").SelectOptionAsync(new SelectOptionValue { Label = "Réparation" });
        await director.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await director.GetByLabel("Description", new() { Exact = true }).FillAsync("De l'eau coule du toit du préau quand il pleut.");
        await director.GetByLabel("Urgente", new() { Exact = true }).CheckAsync();
        await director.GetByLabel("Photos et documents (facultatifs, 5 au plus)").SetInputFilesAsync(new FilePayload
        {
            Name = "fuite.jpg", MimeType = "image/jpeg", Buffer = Albums.AlbumTests.Jpeg(800, 600, SKColors.SlateGray),
        });
        await director.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Expect(director).ToHaveURLAsync(new Regex("/demandes-mairie/[0-9a-f-]+$"));
        var requestUrl = director.Url;
        await Expect(director.Locator(".notice.success")).ToContainTextAsync("Votre demande est envoyée à la mairie.");
        await Expect(director.Locator("#request-status")).ToHaveTextAsync("Nouvelle");
        var thumbnail = director.Locator(".townhall-photos img").First;
        await Expect(thumbnail).ToBeVisibleAsync();
        Assert.True(await thumbnail.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo's thumbnail loads for the director");
        await Axe.AssertAccessibleAsync(director, "request just filed (director)");

        // The agent of the Commune de Vesoul: home › « Demandes des écoles » › the request.
        var agent = await app.SignInDemoAsync("nadia.roussel");
        await agent.Locator(".space[data-scope=LocalAuthority] .tools a[href$='/demandes']").First.ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex("/collectivite/[0-9a-f-]+/demandes$"));
        await Axe.AssertAccessibleAsync(agent, "collectivité's requests (agent)");
        await agent.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(requestUrl);
        var photo = agent.Locator(".townhall-photos img").First;
        await Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo loads for the agent");
        await Axe.AssertAccessibleAsync(agent, "request (agent)");
        await agent.GetByLabel("Commentaire", new() { Exact = true }).FillAsync("Un plombier passe mardi matin.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(agent.Locator(".notice.success")).ToContainTextAsync("Votre commentaire est envoyé.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }).ClickAsync();
        await Expect(agent.Locator("#request-status")).ToHaveTextAsync("En cours");
        await agent.GetByLabel("Message pour l'école (facultatif)").FillAsync("La fuite est réparée.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Marquer comme terminée" }).ClickAsync();
        await Expect(agent.Locator("#request-status")).ToHaveTextAsync("Terminée");
        await Axe.AssertAccessibleAsync(agent, "request closed (agent)");
        await agent.Locator("nav.breadcrumbs a, .breadcrumbs a", new() { HasText = "Demandes à la mairie" }).First.ClickAsync();
        await Expect(agent.Locator(".townhall-close-times")).ToContainTextAsync("Réparation");
        await Axe.AssertAccessibleAsync(agent, "collectivité's requests with the close times (agent)");

        // The director sees it done, with the agent's comment, and received the e-mail (a title and a link, no content).
        await director.GotoAsync(requestUrl);
        await Expect(director.Locator("#request-status")).ToHaveTextAsync("Terminée");
        await Expect(director.Locator(".townhall-history")).ToContainTextAsync("Un plombier passe mardi matin.");
        await Expect(director.Locator(".townhall-history")).ToContainTextAsync("La fuite est réparée.");
        await Axe.AssertAccessibleAsync(director, "request done (director)");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!HasMail() && DateTime.UtcNow < deadline)
        {
            // The outbox is dispatched every second: look again shortly (bounded wait for an e-mail, not a fixed sleep).
            await Task.Delay(200);
        }
        Assert.True(HasMail(), "the director received the e-mail saying the request is done");

        bool HasMail() => app.Mails.Any(m => m.To.Mailboxes.Any(b => b.Address == "anne.dubois@example.org")
            && (m.Subject + (m.TextBody ?? m.HtmlBody ?? "")).Contains(title, StringComparison.Ordinal)
            && (m.Subject + (m.TextBody ?? m.HtmlBody ?? "")).Contains("terminée", StringComparison.Ordinal));
    }
}
