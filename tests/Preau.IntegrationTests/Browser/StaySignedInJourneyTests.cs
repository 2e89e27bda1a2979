using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>A parent on her phone ticks « Rester connecté sur cet appareil »: her session outlives the browser for a month.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaySignedInJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Parent_on_a_phone_ticks_stay_signed_in_and_keeps_her_session_for_a_month()
    {
        var page = await app.NewPageAsync(new ViewportSize { Width = 360, Height = 740 });
        await using var context = page.Context;
        await page.GotoAsync("/connexion");
        await Axe.AssertAccessibleAsync(page, "sign-in form");

        await page.GetByLabel("Identifiant").FillAsync("julie.moreau");
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
        // The label is the target a thumb finds, not the small box.
        await page.GetByText("Rester connecté sur cet appareil").TapAsync();
        await Expect(page.GetByLabel("Rester connecté sur cet appareil")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).TapAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/$|/compte/charte$"));
        var session = (await context.CookiesAsync()).Single(c => c.Name == "preau.session");
        // A persistent cookie (-1 would be a session cookie, gone with the browser), for about a month.
        var expires = DateTimeOffset.FromUnixTimeSeconds((long)session.Expires);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
    }
}
