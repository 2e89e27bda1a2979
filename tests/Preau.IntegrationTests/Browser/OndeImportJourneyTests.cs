using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The start of a school year in a real browser: the director imports the sample ONDE files, reads the
/// preview, applies, prints the letters of one class; a guardian then logs in with the password of her
/// letter, accepts the charter, replaces the password and sees her two children.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OndeImportJourneyTests(BrowserApp app)
{
    private const string School = "École élémentaire Jean-Jaurès";
    private const string ClassName = "CP M. Robert";

    [BrowserFact]
    public async Task Director_imports_ONDE_prints_the_letters_and_a_guardian_signs_in_with_hers()
    {
        // 1. The director imports the two files from her school card.
        var director = await app.NewPageAsync();
        await SignInAsync(director, "anne.dubois", DemoSeeder.AdultPassword);
        var schoolCard = Space(director, "École", School);
        await schoolCard.GetByRole(AriaRole.Link, new() { Name = "Import ONDE" }).ClickAsync();
        await Expect(director.Locator("main h1")).ToHaveTextAsync("Import ONDE — " + School);

        var folder = SharedData.OndeFolder("ecole-vesoul-jaures");
        await director.Locator("#pupils").SetInputFilesAsync(Path.Combine(folder, "eleves.csv"));
        await director.Locator("#guardians").SetInputFilesAsync(Path.Combine(folder, "responsables.csv"));
        await director.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();

        await Expect(director.GetByText("Aperçu : rien n'est encore enregistré.")).ToBeVisibleAsync();
        await Expect(NewCount(director, "Élèves")).ToHaveTextAsync("94");
        await Expect(NewCount(director, "Responsables")).ToHaveTextAsync("104");
        await Axe.AssertAccessibleAsync(director, "ONDE import preview");

        await director.GetByRole(AriaRole.Button, new() { Name = "Appliquer l'import" }).ClickAsync();
        await Expect(director.GetByRole(AriaRole.Heading, new() { Name = "Import ONDE appliqué", Level = 1 })).ToBeVisibleAsync();
        await Expect(NewCount(director, "Élèves")).ToHaveTextAsync("94");

        // 2. Letters of the class, reached by links: school directory › class directory › letters.
        await director.GetByRole(AriaRole.Link, new() { Name = "Voir l'annuaire de l'école" }).ClickAsync();
        await director.Locator("ul.classes").GetByRole(AriaRole.Link, new() { Name = ClassName, Exact = true }).ClickAsync();
        await Expect(director.Locator("main h1")).ToHaveTextAsync("Annuaire — " + ClassName);
        await Expect(director.GetByRole(AriaRole.Link, new() { Name = "Raphaël MÜLLER", Exact = true })).ToBeVisibleAsync();
        await director.GetByRole(AriaRole.Link, new() { Name = "Lettres de connexion" }).ClickAsync();
        await Expect(director.Locator("main h1")).ToHaveTextAsync("Lettres de connexion — " + ClassName);

        var inesRow = director.Locator("#letters-included ~ .table-wrap tbody tr")
            .Filter(new() { Has = director.GetByRole(AriaRole.Link, new() { Name = "Inès MÜLLER", Exact = true }) });
        await Expect(inesRow).ToHaveCountAsync(1);
        await Expect(inesRow).ToContainTextAsync("Raphaël MÜLLER");
        await Expect(inesRow).ToContainTextAsync("Jade MÜLLER");
        var login = (await inesRow.Locator("code").InnerTextAsync()).Trim();

        var download = await director.RunAndWaitForDownloadAsync(
            () => director.GetByRole(AriaRole.Button, new() { Name = "Imprimer les lettres (PDF)" }).ClickAsync());
        Assert.StartsWith("lettres-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        await director.Context.CloseAsync();

        var text = await PdfText.ReadAsync(pdf);
        if (text is null)
        {
            Assert.Skip("/usr/bin/pdftotext (poppler-utils) is missing: the guardian's password cannot be read from the letter.");
        }
        Assert.Equal(login, PdfText.ValueAfter(text, login, "Identifiant"));
        var password = PdfText.ValueAfter(text, login, "Mot de passe provisoire");
        Assert.Equal(14, password.Length);

        // 3. The guardian, in her own browser: charter, new password, home page with her two children.
        var guardian = await app.NewPageAsync();
        await guardian.GotoAsync("/connexion");
        await guardian.GetByLabel("Identifiant").FillAsync(login);
        await guardian.GetByLabel("Mot de passe").FillAsync(password);
        await guardian.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await Expect(guardian).ToHaveURLAsync(new Regex("/compte/charte$"));
        await Axe.AssertAccessibleAsync(guardian, "charter page (guardian)");
        await guardian.Locator("#accept").CheckAsync();
        await guardian.Locator("form:has(#accept) button[type=submit]").ClickAsync();

        await Expect(guardian).ToHaveURLAsync(new Regex("/compte/mot-de-passe$"));
        await Axe.AssertAccessibleAsync(guardian, "password change page (first login)");
        const string newPassword = "Cartable-vert-2026";
        await guardian.GetByLabel("Mot de passe actuel", new() { Exact = true }).FillAsync(password);
        await guardian.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync(newPassword);
        await guardian.GetByLabel("Confirmez le nouveau mot de passe", new() { Exact = true }).FillAsync(newPassword);
        await guardian.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Expect(guardian).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.BaseAddress.ToString()) + "$"));
        await Expect(guardian.Locator("main h1")).ToHaveTextAsync("Bonjour Inès");
        await Expect(guardian.Locator("li.space").Filter(new() { Has = Kind(guardian, "Mon enfant") })).ToHaveCountAsync(2);
        foreach (var child in new[] { "Raphaël MÜLLER", "Jade MÜLLER" })
        {
            var card = Space(guardian, "Mon enfant", child);
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card).ToContainTextAsync(ClassName + " — " + School);
        }
        await Axe.AssertAccessibleAsync(guardian, "home (imported guardian)");
        await guardian.Context.CloseAsync();
    }

    /// <summary>Logs in; accepts the charter when asked (another browser test may already have done it for this demo account).</summary>
    private async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var home = "^" + Regex.Escape(app.BaseAddress.ToString()) + "$";
        await Expect(page).ToHaveURLAsync(new Regex(home + "|/compte/charte$"));
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex(home));
        await Expect(page.Locator("main h1")).ToContainTextAsync("Bonjour");
    }

    /// <summary>The « Nouveaux » cell of a row of the import report.</summary>
    private static ILocator NewCount(IPage page, string rowHeader) =>
        page.Locator("table tbody tr")
            .Filter(new() { Has = page.Locator("th", new() { HasTextRegex = new Regex("^" + Regex.Escape(rowHeader) + "$") }) })
            .Locator("td").First;

    private static ILocator Kind(IPage page, string kind) =>
        page.Locator("p.kind", new() { HasTextRegex = new Regex("^" + Regex.Escape(kind) + "$") });

    private static ILocator Space(IPage page, string kind, string title) =>
        page.Locator("li.space")
            .Filter(new() { Has = Kind(page, kind) })
            .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });
}
