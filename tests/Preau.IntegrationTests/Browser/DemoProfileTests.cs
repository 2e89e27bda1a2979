using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Each demo account of the README in a real browser: first login (charter, then 2FA enrolment for
/// operators) ends on the home page with the spaces of that profile; the pages on the way pass axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoProfileTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Territory_admin_enrols_2fa_and_sees_the_administration_link()
    {
        var page = await SignInFirstTimeAsync("helene.garnier", DemoSeeder.AdultPassword, twoFactor: true, auditSteps: true);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration du département" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bonjour Hélène" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "home (territory admin)");
    }

    [BrowserFact]
    public async Task Level2_support_enrols_2fa_and_sees_the_administration_link()
    {
        var page = await SignInFirstTimeAsync("marc.lefort", DemoSeeder.AdultPassword, twoFactor: true);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration du département" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "home (level-2 support)");
    }

    [BrowserFact]
    public async Task Advisor_sees_the_circonscription_and_opens_its_schools()
    {
        var page = await SignInFirstTimeAsync("julien.perrin", DemoSeeder.AdultPassword);
        await ExpectSpaceAsync(page, "Circonscription", "Circonscription de Vesoul");
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (advisor)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Écoles de la circonscription — Circonscription de Vesoul" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Circonscription de Vesoul", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#schools tbody tr").First).ToContainTextAsync("École");
        await Axe.AssertAccessibleAsync(page, "schools of the circonscription (advisor)");
    }

    [BrowserFact]
    public async Task Town_hall_agent_sees_the_commune()
    {
        var page = await SignInFirstTimeAsync("nadia.roussel", DemoSeeder.AdultPassword);
        await ExpectSpaceAsync(page, "Collectivité", "Commune de Vesoul");
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (town-hall agent)");
    }

    [BrowserFact]
    public async Task Partner_sees_only_the_group()
    {
        var page = await SignInFirstTimeAsync("karim.benali", DemoSeeder.AdultPassword);
        await ExpectSpaceAsync(page, "Groupe", "Projet inter-écoles « Lire et faire lire »");
        await Expect(page.Locator("li.space")).ToHaveCountAsync(1);
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (partner)");
    }

    [BrowserFact]
    public async Task Director_sees_her_class_her_school_and_the_group()
    {
        // The ONDE import journey (OndeImportJourneyTests) also signs her in: the charter may already be accepted.
        var page = await SignInFirstTimeAsync("anne.dubois", DemoSeeder.AdultPassword, charterMayBeAccepted: true);
        await ExpectSpaceAsync(page, "Classe", "CP A", "École élémentaire Jean-Jaurès");
        await ExpectSpaceAsync(page, "École", "École élémentaire Jean-Jaurès");
        await ExpectSpaceAsync(page, "Groupe", "Projet inter-écoles « Lire et faire lire »");
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (director)");
    }

    [BrowserFact]
    public async Task Teacher_sees_the_CE1_class_the_school_and_the_group()
    {
        var page = await SignInFirstTimeAsync("thomas.mercier", DemoSeeder.AdultPassword, charterMayBeAccepted: true);
        await ExpectSpaceAsync(page, "Classe", "CE1", "École élémentaire Jean-Jaurès");
        await ExpectSpaceAsync(page, "École", "École élémentaire Jean-Jaurès");
        await ExpectSpaceAsync(page, "Groupe", "Projet inter-écoles « Lire et faire lire »");
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (teacher)");
    }

    [BrowserFact]
    public async Task Atsem_sees_her_maternelle_class()
    {
        var page = await SignInFirstTimeAsync("martine.colin", DemoSeeder.AdultPassword);
        await ExpectSpaceAsync(page, "Classe", "Petite section", "École maternelle Les Capucins");
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (ATSEM)");
    }

    [BrowserFact]
    public async Task Parent_sees_one_card_per_child()
    {
        var page = await SignInFirstTimeAsync("julie.moreau", DemoSeeder.AdultPassword, charterMayBeAccepted: true);
        await Expect(page.Locator("li.space").Filter(new() { Has = Kind(page, "Mon enfant") })).ToHaveCountAsync(2);
        await ExpectSpaceAsync(page, "Mon enfant", "Léo Moreau", "CE1 — École élémentaire Jean-Jaurès");
        await ExpectSpaceAsync(page, "Mon enfant", "Manon Moreau", "CM1 — École élémentaire Jean-Jaurès");
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (parent)");
    }

    [BrowserFact]
    public async Task Pupil_accepts_the_child_charter_and_sees_his_class()
    {
        var page = await SignInFirstTimeAsync("leo.moreau", DemoSeeder.PupilPassword, auditSteps: true);
        await ExpectSpaceAsync(page, "Ma classe", "CE1", "École élémentaire Jean-Jaurès");
        await Expect(page.Locator("li.space")).ToHaveCountAsync(1);
        await ExpectNoAdminLinkAsync(page);
        await Axe.AssertAccessibleAsync(page, "home (pupil)");
    }

    /// <summary>
    /// Logs in at /connexion in a fresh context, accepts the charter, enrols TOTP when asked, and returns
    /// the page once it shows the home page.
    /// </summary>
    private async Task<IPage> SignInFirstTimeAsync(string login, string password, bool twoFactor = false, bool auditSteps = false, bool charterMayBeAccepted = false)
    {
        if (!charterMayBeAccepted)
        {
            // A first login: other journeys share the demo accounts and may have accepted this charter already.
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PreauDbContext>().Users.Where(u => u.UserName == login)
                .ExecuteUpdateAsync(x => x.SetProperty(u => u.CharterVersionAccepted, 0).SetProperty(u => u.CharterAcceptedAt, (DateTime?)null));
        }
        if (twoFactor)
        {
            // The operators' journeys sign in with these accounts too and may have enrolled them already.
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var userId = await db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync();
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(x => x.SetProperty(u => u.TwoFactorEnabled, false));
            await db.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().Where(t => t.UserId == userId).ExecuteDeleteAsync();
        }
        var page = await app.NewPageAsync();
        await page.GotoAsync("/connexion");
        if (auditSteps)
        {
            await Axe.AssertAccessibleAsync(page, "login page");
        }
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        var home = "^" + Regex.Escape(app.BaseAddress.ToString()) + "$";
        await Expect(page).ToHaveURLAsync(new Regex(charterMayBeAccepted ? home + "|/compte/charte$" : "/compte/charte$"));
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            if (auditSteps)
            {
                await Axe.AssertAccessibleAsync(page, "charter page");
            }
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
        }

        if (twoFactor)
        {
            await Expect(page).ToHaveURLAsync(new Regex("/compte/double-authentification$"));
            if (auditSteps)
            {
                await Axe.AssertAccessibleAsync(page, "two-factor page");
            }
            var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
            await page.GetByLabel("Code à 6 chiffres").FillAsync(code);
            await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        }

        await Expect(page).ToHaveURLAsync(new Regex(home));
        await Expect(page.Locator("main h1")).ToContainTextAsync("Bonjour");
        return page;
    }

    private static ILocator Kind(IPage page, string kind) =>
        page.Locator("p.kind", new() { HasTextRegex = new Regex("^" + Regex.Escape(kind) + "$") });

    private static async Task ExpectSpaceAsync(IPage page, string kind, string title, string? subtitle = null)
    {
        var space = page.Locator("li.space")
            .Filter(new() { Has = Kind(page, kind) })
            .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });
        await Expect(space).ToHaveCountAsync(1);
        await Expect(space).ToBeVisibleAsync();
        if (subtitle is not null)
        {
            await Expect(space).ToContainTextAsync(subtitle);
        }
    }

    private static Task ExpectNoAdminLinkAsync(IPage page) =>
        Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration du département" })).ToHaveCountAsync(0);
}
