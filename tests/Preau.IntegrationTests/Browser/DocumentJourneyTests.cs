using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

/// <summary>
/// Documents on the demo département: the CE1 teacher creates a folder in the class space and uploads two files at once
/// (documents.js sends them with a progress bar); Léo's mother, on a phone, opens the folder and previews the image.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentJourneyTests(BrowserApp app)
{
    [BrowserFact]
    public async Task Teacher_shares_files_in_the_class_space_parent_previews_an_image_on_a_phone()
    {
        var folder = "Sortie piscine " + Guid.NewGuid().ToString("N")[..6];

        var teacher = await app.SignInDemoAsync("thomas.mercier");
        var ce1 = teacher.Locator(".space").Filter(new() { Has = teacher.Locator("h2", new() { HasTextRegex = new Regex("^CE1$") }) });
        await ce1.Locator("a.service[data-service=documents]").ClickAsync();
        await Expect(teacher).ToHaveURLAsync(new Regex("/classe/[0-9a-f-]+/documents$"));
        await Axe.AssertAccessibleAsync(teacher, "class documents (teacher)");
        await teacher.GetByLabel("Nom du dossier").FillAsync(folder);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await teacher.Locator(".doc-list a", new() { HasText = folder }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = folder })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(teacher, "empty folder with the upload form");

        await teacher.GetByLabel("Fichiers (vous pouvez en choisir plusieurs)").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "bassin.jpg", MimeType = "image/jpeg", Buffer = Albums.AlbumTests.Jpeg(640, 480, SKColors.SteelBlue) },
            new FilePayload { Name = "consignes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Apporter un bonnet de bain.") },
        });
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Envoyer les fichiers" }).ClickAsync();
        // The script sends them one by one, then reloads the folder.
        await Expect(teacher.Locator(".doc-list tbody tr")).ToHaveCountAsync(2);
        await Axe.AssertAccessibleAsync(teacher, "folder with two files");

        // Léo's mother, on a phone: home › Léo's class › Documents › the folder › the image.
        var parent = await app.SignInDemoAsync("julie.moreau", new ViewportSize { Width = 390, Height = 844 });
        var leo = parent.Locator(".space").Filter(new() { Has = parent.Locator("h2", new() { HasText = "Léo Moreau" }) });
        await leo.Locator("a.service[data-service=documents]").ClickAsync();
        await Expect(parent.Locator("#doc-upload")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(parent, "class documents (parent, phone)");
        await parent.Locator(".doc-list a", new() { HasText = folder }).ClickAsync();
        await Expect(parent.Locator(".doc-list tbody tr")).ToHaveCountAsync(2);
        Assert.True(await parent.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll on a phone");
        await Axe.AssertAccessibleAsync(parent, "folder (parent, phone)");
        await parent.Locator(".doc-list a", new() { HasText = "bassin.jpg" }).ClickAsync();
        var preview = parent.Locator("img.doc-image");
        await Expect(preview).ToBeVisibleAsync();
        // Polled until loaded: on a busy machine the image may still be arriving when it becomes visible.
        await Expect(preview).ToHaveJSPropertyAsync("naturalWidth", 640);
        await Axe.AssertAccessibleAsync(parent, "document preview (parent, phone)");
    }
}
