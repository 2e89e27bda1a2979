using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Messaging.Attachments;

namespace Preau.IntegrationTests.Messaging;

/// <summary>Attachments of the messagerie through the files service: sender and recipients only, refusals keep the message.</summary>
public sealed class MessageAttachmentTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private Task<List<(Guid Id, string Name)>> FilesOfAsync(Guid messageId) =>
        app.WithDbAsync(async db => (await db.FilesStored.Where(f => f.OwnerId == messageId && f.Purpose == MessageAttachments.Purpose)
            .OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync()).Select(f => (f.Id, f.Name)).ToList());

    [DbFact]
    public async Task Recipient_downloads_the_same_bytes_a_non_recipient_gets_404_and_a_forward_has_its_own_copy()
    {
        var s = await app.NewSchoolAsync();
        await using var m = new MessagingApp(app);
        using var teacher = await m.SignInAsync(s.TeacherA);
        var subject = "Autorisation " + s.Tag;

        var (_, compose) = await teacher.GetPageAsync("/messagerie/nouveau");
        var input = compose.QuerySelector("input#Input_Attachments[type=file][multiple]");
        Assert.NotNull(input);
        Assert.NotNull(compose.QuerySelector("label[for=Input_Attachments]"));
        Assert.Contains("10 fichiers au plus, 10 Mo chacun", compose.QuerySelector("#attachments-hint")!.TextContent);

        var sent = await teacher.SubmitMultipartAsync("/messagerie/nouveau", "form#compose",
            [("Input.Subject", subject), ("Input.Body", "Voici le document."), ("Input.To", "p:" + s.GuardianA.Id)],
            [("Input.Attachments", "autorisation.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = await app.WithDbAsync(db => db.Messages.Where(x => x.Subject == subject).Select(x => x.Id).SingleAsync());
        var file = Assert.Single(await FilesOfAsync(id));

        using var parent = await m.SignInAsync(s.GuardianA);
        var (_, reading) = await parent.GetPageAsync($"/messagerie/{id}");
        Assert.Contains($"/fichiers/{file.Id}", reading.QuerySelectorAll(".mail-attachments a").Select(a => a.GetAttribute("href")));
        Assert.Contains("autorisation.pdf", reading.QuerySelector(".mail-attachments")!.TextContent);
        using (var download = await parent.GetAsync($"/fichiers/{file.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/fichiers/{file.Id}")).StatusCode);

        // Someone else of the same school, even with the address: 404.
        using var director = await m.SignInAsync(s.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/fichiers/{file.Id}")).StatusCode);

        // Forwarded to the director: prefilled, copied, readable by them; the original stays the recipient's only.
        var (_, forward) = await teacher.GetPageAsync($"/messagerie/nouveau?transfert={id}");
        Assert.NotNull(forward.QuerySelector($"input[name='Input.Forwarded'][value='{file.Id}'][checked]"));
        var forwarded = await teacher.SubmitMultipartAsync($"/messagerie/nouveau?transfert={id}", "form#compose",
            [("Input.Subject", "Tr : " + subject), ("Input.Body", "Pour information."), ("Input.To", "p:" + s.Director.Id), ("Input.Forwarded", file.Id.ToString())], []);
        Assert.Equal(HttpStatusCode.Redirect, forwarded.StatusCode);
        var forwardId = await app.WithDbAsync(db => db.Messages.Where(x => x.Subject == "Tr : " + subject).Select(x => x.Id).SingleAsync());
        var copy = Assert.Single(await FilesOfAsync(forwardId));
        Assert.NotEqual(file.Id, copy.Id);
        using (var download = await director.GetAsync($"/fichiers/{copy.Id}"))
        {
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/fichiers/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/fichiers/{copy.Id}")).StatusCode);
    }

    [DbFact]
    public async Task A_fake_jpg_is_refused_in_french_and_subject_body_and_recipients_are_kept()
    {
        var s = await app.NewSchoolAsync();
        await using var m = new MessagingApp(app);
        using var teacher = await m.SignInAsync(s.TeacherA);
        var subject = "Photo " + s.Tag;
        var html = Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>");

        var refused = await teacher.SubmitMultipartAsync("/messagerie/nouveau", "form#compose",
            [("Input.Subject", subject), ("Input.Body", "Texte à garder"), ("Input.To", "p:" + s.GuardianA.Id)],
            [("Input.Attachments", "photo.jpg", html)]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("« photo.jpg »", page.QuerySelector("#attachments-errors")!.TextContent);
        Assert.Contains("choisissez à nouveau les pièces jointes", page.QuerySelector("#attachments-errors")!.TextContent);
        Assert.Equal(subject, page.QuerySelector("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("Texte à garder", page.QuerySelector("#Input_Body")!.TextContent);
        Assert.NotNull(page.QuerySelector($"input[name='Input.To'][value='p:{s.GuardianA.Id}'][checked]"));
        Assert.False(await app.WithDbAsync(db => db.Messages.AnyAsync(x => x.Subject == subject)));
        Assert.False(await app.WithDbAsync(db => db.FilesStored.AnyAsync(f => f.Purpose == MessageAttachments.Purpose && f.CreatedById == s.TeacherA.Id)));
    }
}
