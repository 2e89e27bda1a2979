using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Preau.Web.Modules.Albums.Thumbnails;
using Preau.Web.Platform.Demo;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Albums on the demo département: the CE1 teacher uploads the photos of a class trip (several files at once, with the
/// progress bar of albums.js), the thumbnails are made, and Léo's mother browses the album and its slideshow on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AlbumJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Teacher_uploads_the_photos_of_a_class_trip_parent_sees_them_on_a_phone()
    {
        var title = "Classe découverte " + Guid.NewGuid().ToString("N")[..6];

        var teacher = await SignInAsync("thomas.mercier", null);
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=albums]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/albums$"));
        await Expect(teacher.Locator(".album-list")).ToContainTextAsync("Sortie au musée");
        await Axe.AssertAccessibleAsync(teacher, "class albums (teacher)");
        await teacher.GetByLabel("Titre de l'album").FillAsync(title);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Créer l'album" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "empty album with the upload form");
        var albumUrl = teacher.Url;

        await teacher.GetByLabel("Photos (vous pouvez en choisir plusieurs)").SetInputFilesAsync(
            new[] { SKColors.SteelBlue, SKColors.SeaGreen, SKColors.Coral }.Select((c, i) => new FilePayload
            {
                Name = $"sortie-{i + 1}.jpg", MimeType = "image/jpeg", Buffer = Albums.AlbumTests.Jpeg(640, 480, c),
            }));
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Envoyer les photos" }).ClickAsync();
        // The script sends them one by one, then reloads the album: three placeholders until the thumbnails exist.
        await Expect(teacher.Locator(".album-grid .album-placeholder")).ToHaveCountAsync(3);
        await Axe.AssertAccessibleAsync(teacher, "album with thumbnails in preparation");

        await app.Services.GetRequiredService<ThumbnailWorker>().ProcessOnceAsync();

        // Léo's mother, on a phone: home › Léo's class › Albums photos › the album › the slideshow.
        var parent = await SignInAsync("julie.moreau", new ViewportSize { Width = 390, Height = 844 });
        var leo = parent.Locator(".space").Filter(new() { Has = parent.Locator("h2", new() { HasText = "Léo Moreau" }) });
        await leo.Locator("a.service[data-service=albums]").ClickAsync();
        await Expect(parent.Locator(".album-list")).ToContainTextAsync(title);
        await Axe.AssertAccessibleAsync(parent, "class albums (parent, phone)");
        await parent.Locator(".album-card a", new() { HasText = title }).ClickAsync();
        await Expect(parent).ToHaveURLAsync(albumUrl);
        var thumbs = parent.Locator(".album-grid img");
        await Expect(thumbs).ToHaveCountAsync(3);
        await Expect(thumbs.First).ToHaveAttributeAsync("alt", $"Photo 1 de l'album {title}");
        // Polled until loaded: on a busy machine the image may still be arriving when it becomes visible.
        await Expect(thumbs.First).ToHaveJSPropertyAsync("naturalWidth", 400);
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
        await Axe.AssertAccessibleAsync(parent, "album (parent, phone)");

        await thumbs.First.ClickAsync();
        await Expect(parent.Locator(".album-slide h1")).ToContainTextAsync("1 / 3");
        await Expect(parent.Locator("img.album-photo")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(parent, "slideshow (parent, phone)");
        await parent.Keyboard.PressAsync("ArrowRight");
        await Expect(parent.Locator(".album-slide h1")).ToContainTextAsync("2 / 3");
        await parent.GetByRole(AriaRole.Link, new() { Name = "Photo suivante" }).ClickAsync();
        await Expect(parent.Locator(".album-slide h1")).ToContainTextAsync("3 / 3");
        await parent.Keyboard.PressAsync("ArrowLeft");
        await Expect(parent.Locator(".album-slide h1")).ToContainTextAsync("2 / 3");
        await parent.Keyboard.PressAsync("Escape");
        await Expect(parent).ToHaveURLAsync(albumUrl);
    }

    private async Task<IPage> SignInAsync(string login, ViewportSize? viewport)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "fr-FR",
            ViewportSize = viewport,
            IsMobile = viewport is not null,
            HasTouch = viewport is not null,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
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
