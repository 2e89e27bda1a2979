using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// The CE1 teacher of Jean-Jaurès validates the three items of the B2i domain « S'informer, se documenter » for
/// five pupils from the class grid with the keyboard alone, saves, and sees the values kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SkillsKeyboardTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Teacher_validates_three_items_for_five_pupils_with_the_keyboard_only()
    {
        var page = await SignInAsync("thomas.mercier");
        var ce1 = page.Locator(".space").Filter(new() { Has = page.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=competences]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/competences$"));
        await Axe.AssertAccessibleAsync(page, "skills class grid");
        var grid = page.Url;

        // Keyboard from here on: Tab to the domain « S'informer, se documenter », Enter.
        var domain = page.GetByRole(AriaRole.Navigation, new() { Name = "Domaines" }).GetByRole(AriaRole.Link, new() { Name = "S'informer, se documenter" });
        await TabUntilAsync(page, domain);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/competences\\?r=b2i-ecole&d=D4$"));
        var cell = (int row, int col) => page.Locator($"select[data-row='{row}'][data-col='{col}']");
        await Expect(page.Locator("table.skills-grid thead th[scope=col]")).ToHaveCountAsync(5);

        // First pupil: Tab moves along the row (as without the script), A sets « Acquis ».
        await TabUntilAsync(page, cell(0, 0));
        for (var col = 0; col < 3; col++)
        {
            await Expect(cell(0, col)).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("a");
            if (col < 2)
            {
                await page.Keyboard.PressAsync("Tab");
            }
        }
        // The four next pupils with the arrow keys, like a spreadsheet.
        for (var row = 1; row < 5; row++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            for (var col = 2; col >= 0; col--)
            {
                await Expect(cell(row, col)).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("a");
                if (col > 0)
                {
                    await page.Keyboard.PressAsync("ArrowLeft");
                }
            }
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
        }
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" });
        await TabUntilAsync(page, save);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("p.notice[role=status]")).ToHaveTextAsync("Les compétences sont enregistrées.");
        for (var row = 0; row < 5; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                await Expect(cell(row, col)).ToHaveValueAsync("2");
                await Expect(page.Locator("td", new() { Has = cell(row, col) })).ToHaveClassAsync("state-2");
            }
        }
        await Expect(cell(5, 0)).Not.ToHaveValueAsync("2");
        var label = await page.Locator("label[for='c-0-0']").TextContentAsync();
        Assert.Contains("Chercher", await page.Locator("label[for='c-0-1']").TextContentAsync() ?? "");
        Assert.False(string.IsNullOrWhiteSpace(label));
        await Axe.AssertAccessibleAsync(page, "skills class grid after saving");

        // The first pupil's sheet shows the three items acquired, validated by Thomas Mercier.
        await page.Locator("table.skills-grid tbody tr").First.Locator("th a").ClickAsync();
        var rows = page.Locator("section[aria-labelledby='ref-b2i-ecole'] table.skills-items tr", new() { HasTextRegex = new Regex("B2IE-[567]") });
        await Expect(rows).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
        {
            await Expect(rows.Nth(i)).ToContainTextAsync("Acquis");
            await Expect(rows.Nth(i)).ToContainTextAsync("Thomas Mercier");
        }
        await Axe.AssertAccessibleAsync(page, "pupil skills sheet");
        Assert.NotEqual(grid, page.Url);
    }

    [BrowserFact]
    public async Task Pupil_sees_mes_competences_and_parent_the_childs_sheet_read_only()
    {
        var pupil = await SignInAsync("leo.moreau", DemoSeeder.PupilPassword);
        await pupil.Locator("a.service[data-service=competences]").First.ClickAsync();
        await Expect(pupil).ToHaveURLAsync(new Regex("/moi/competences$"));
        await Expect(pupil.GetByRole(AriaRole.Heading, new() { Name = "Mes compétences", Level = 1 })).ToBeVisibleAsync();
        await Expect(pupil.Locator(".skills-mine-items li").First).ToContainTextAsync(new Regex("Je sais faire|J'apprends|Pas encore"));
        await Axe.AssertAccessibleAsync(pupil, "mes compétences (pupil)");

        var parent = await SignInAsync("julie.moreau");
        await parent.Locator("a.service[data-service=competences]").First.ClickAsync();
        await Expect(parent).ToHaveURLAsync(new Regex("/eleve/[0-9a-f-]+/competences$"));
        await Expect(parent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Léo Moreau");
        await Expect(parent.Locator("main select")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(parent, "child's skills sheet (parent)");
    }

    /// <summary>Presses Tab until the target has the focus (the keyboard path a person would take).</summary>
    private static async Task TabUntilAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail("The target never got the focus with Tab.");
    }

    private async Task<IPage> SignInAsync(string login, string password = DemoSeeder.AdultPassword)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "fr-FR" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
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
        return page;
    }
}
