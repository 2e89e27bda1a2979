using System.Text.RegularExpressions;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>The login page works with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Login_page_skip_link_comes_first_then_the_login_field_and_Enter_submits()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/connexion");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveAttributeAsync("href", "#contenu");
        await Expect(skip).ToBeVisibleAsync();

        // Following the skip link lands in the content: the next Tab is the login field.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#contenu")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var login = page.GetByLabel("Identifiant");
        await Expect(login).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("pierre.moreau");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Mot de passe")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoSeeder.AdultPassword);
        await page.Keyboard.PressAsync("Enter");

        // Signed in: first login leads to the charter.
        await Expect(page).ToHaveURLAsync(new Regex("/compte/charte(#contenu)?$"));
    }
}
