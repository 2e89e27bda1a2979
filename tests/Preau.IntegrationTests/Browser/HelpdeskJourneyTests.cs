using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The two-level help desk on the demo département: Thomas Mercier (teacher, Vesoul) files a ticket from the
/// « Besoin d'aide ? » link, Julien Perrin (advisor of the Vesoul circonscription) escalates it, Marc Lefort (level 2,
/// two-factor sign-in) answers, and Thomas reads the answer. axe-core checks every page on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HelpdeskJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Teacher_files_a_ticket_the_advisor_escalates_it_level2_answers_and_the_teacher_reads_the_answer()
    {
        var subject = "Impossible de joindre un fichier " + Guid.NewGuid().ToString("N")[..6];

        var thomas = await app.SignInDemoAsync("thomas.mercier");
        await thomas.GetByRole(AriaRole.Link, new() { Name = "Besoin d'aide ?" }).ClickAsync();
        await Expect(thomas).ToHaveURLAsync(new Regex("/aide\\?depuis="));
        await Expect(thomas.GetByRole(AriaRole.Heading, new() { Name = "Problèmes connus" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(thomas, "help page");
        await thomas.GetByRole(AriaRole.Link, new() { Name = "Ouvrir une demande d'assistance" }).ClickAsync();
        await Axe.AssertAccessibleAsync(thomas, "new ticket");
        await thomas.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Documents et fichiers" });
        await thomas.GetByLabel("Titre").FillAsync(subject);
        await thomas.GetByLabel("Description du problème").FillAsync("Le bouton « Déposer » ne fait rien dans les documents de la classe.");
        await thomas.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Expect(thomas.GetByRole(AriaRole.Heading, new() { Name = subject })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(thomas, "ticket (author)");

        var julien = await app.SignInDemoAsync("julien.perrin");
        await julien.GotoAsync("/assistance/traitement");
        await Axe.AssertAccessibleAsync(julien, "queue (level 1)");
        await julien.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Axe.AssertAccessibleAsync(julien, "ticket (level 1)");
        await julien.GetByLabel("Note pour le niveau 2 (facultatif)").FillAsync("Reproduit sur deux postes : à voir côté serveur.");
        await julien.GetByRole(AriaRole.Button, new() { Name = "Transmettre au niveau 2" }).ClickAsync();
        await Expect(julien.Locator(".notice.success")).ToContainTextAsync("transmise au niveau 2");

        var marc = await SignInLevel2Async();
        try
        {
            await marc.GotoAsync("/assistance/traitement");
            await Axe.AssertAccessibleAsync(marc, "queue (level 2)");
            await marc.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
            await Expect(marc.Locator(".ticket-history")).ToContainTextAsync("Reproduit sur deux postes");
            await Axe.AssertAccessibleAsync(marc, "ticket (level 2)");
            await marc.GetByLabel("Votre réponse").FillAsync("Corrigé : videz le cache du navigateur et réessayez.");
            await marc.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse" }).ClickAsync();
            await Expect(marc.Locator(".notice.success")).ToContainTextAsync("Votre réponse est envoyée.");
        }
        finally
        {
            await ResetTwoFactorAsync();
        }

        await thomas.GotoAsync("/assistance");
        await Axe.AssertAccessibleAsync(thomas, "my tickets");
        await thomas.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Expect(thomas.Locator(".ticket-history")).ToContainTextAsync("Corrigé : videz le cache du navigateur et réessayez.");
        await Axe.AssertAccessibleAsync(thomas, "ticket with the level-2 answer (author)");
    }

    /// <summary>Marc Lefort signs in and enrols his authenticator (the demo account starts without it, as in DemoProfileTests).</summary>
    private async Task<IPage> SignInLevel2Async()
    {
        await ResetTwoFactorAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync("marc.lefort");
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/compte/charte$|/compte/double-authentification$"));
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex("/compte/double-authentification$"));
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("Code à 6 chiffres").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToContainTextAsync("Bonjour");
        return page;
    }

    /// <summary>Leaves the shared demo account as the other journeys expect it: no authenticator enrolled yet.</summary>
    private async Task ResetTwoFactorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var id = await db.Users.Where(u => u.UserName == "marc.lefort").Select(u => u.Id).SingleAsync();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(x => x.SetProperty(u => u.TwoFactorEnabled, false));
        await db.Set<IdentityUserToken<Guid>>().Where(t => t.UserId == id).ExecuteDeleteAsync();
    }
}
