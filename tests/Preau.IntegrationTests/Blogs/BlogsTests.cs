using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Blogs.Data;

namespace Preau.IntegrationTests.Blogs;

/// <summary>
/// Blogs over HTTP: who writes on a class blog, pupils' articles waiting for the teacher, private blogs hidden (404 and
/// noindex), public blogs and their feeds, comments moderated before publication, rich text cleaned, and photo
/// authorisation keeping an article from the public.
/// </summary>
public sealed class BlogsTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    /// <summary>The teacher opens the class's blog (created on first use); returns its address.</summary>
    private static async Task<string> OpenClassBlogAsync(UserSession teacher, Guid classId)
    {
        using var response = await teacher.GetAsync($"/classe/{classId}/blog");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/blogs/", url, StringComparison.Ordinal);
        return url;
    }

    /// <summary>Posts the editor; returns the article's address (the redirect).</summary>
    private static async Task<string> WriteAsync(UserSession author, string blog, string title, string body, string intent = "publish", params (string, string)[] extra)
    {
        using var response = await author.SubmitAsync($"{blog}/ecrire", [("Input.Title", title), ("Input.Body", body), ("Input.Intent", intent), .. extra]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static IEnumerable<KeyValuePair<string, string>> Kv(IEnumerable<(string Name, string Value)> fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value));

    private Task SetVisibilityAsync(string blogUrl, BlogVisibility visibility) =>
        app.WithDbAsync(db => db.Blogs.Where(b => "/blogs/" + b.Slug == blogUrl).ExecuteUpdateAsync(s => s.SetProperty(b => b.Visibility, visibility)));

    [DbFact]
    public async Task ClassBlog_TeacherOfTheClassWrites_TeacherOfAnotherClassAndParentDoNot()
    {
        var school = await app.NewSchoolAsync();
        using var teacherA = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacherA, school.ClassA.Id);
        var title = $"Notre potager {school.Tag}";
        var article = await WriteAsync(teacherA, blog, title, "Les radis ont poussé.");

        using var teacherB = await SignInAsync(school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetPageAsync($"{blog}/ecrire")).Status);
        using var parent = await SignInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync($"{blog}/ecrire")).Status);
        // The parent reads what the teacher published, without a "write" button.
        var (status, page) = await parent.GetPageAsync(blog);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(title, UserSession.Text(page));
        Assert.Null(page.QuerySelector($"a[href='{blog}/ecrire']"));
        Assert.Contains("Les radis ont poussé.", UserSession.Text((await parent.GetPageAsync(article)).Document));
        // Posting anyway changes nothing.
        using var sneaky = await parent.Client.PostAsync($"{blog}/ecrire", new FormUrlEncodedContent([new("Input.Title", "Intrus"), new("Input.Body", "x")]));
        Assert.NotEqual(HttpStatusCode.Redirect, sneaky.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.BlogArticles.AnyAsync(a => a.Title == "Intrus")));
    }

    [DbFact]
    public async Task PupilArticle_WaitsForTheTeacher_InvisibleToParentsUntilValidated()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        using var pupil = await SignInAsync(school.PupilA);
        var title = $"Mon chat {school.Tag}";
        // Even asking to publish, a pupil only submits.
        var article = await WriteAsync(pupil, blog, title, "Il s'appelle Caramel.");
        Assert.Equal(ArticleStatus.Submitted, await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == title).Select(a => a.Status).SingleAsync()));
        Assert.Contains("En attente de validation", UserSession.Text((await pupil.GetPageAsync(article)).Document));

        using var parent = await SignInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync(article)).Status);
        Assert.DoesNotContain(title, UserSession.Text((await parent.GetPageAsync(blog)).Document));

        // The teacher's home page counts it on the class's blog tile; the desk lists it, and he publishes it.
        var (_, home) = await teacher.GetPageAsync("/");
        Assert.Contains("1 article à valider", home.QuerySelector($"a.service[data-service=blog][href='/classe/{school.ClassA.Id}/blog']")?.TextContent ?? "");
        var (_, desk) = await teacher.GetPageAsync($"{blog}/a-valider");
        Assert.Contains(title, UserSession.Text(desk));
        var id = await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
        using var publish = await teacher.SubmitAsync($"{blog}/a-valider", Kv([("articleId", id.ToString())]), "form[action*='handler=Publish']");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);

        Assert.Contains(title, UserSession.Text((await parent.GetPageAsync(blog)).Document));
        Assert.Equal(HttpStatusCode.OK, (await parent.GetPageAsync(article)).Status);
    }

    [DbFact]
    public async Task PupilArticle_SentBackWithAComment_StaysHiddenAndTheComment_ReachesThePupil()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        using var pupil = await SignInAsync(school.PupilA);
        var title = $"Ma récré {school.Tag}";
        var article = await WriteAsync(pupil, blog, title, "On a joué.");
        var id = await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
        using var back = await teacher.SubmitAsync($"{blog}/a-valider", Kv([("articleId", id.ToString()), ("comment", "Ajoute une phrase sur le jeu.")]),
            "form[action*='handler=Return']");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("Ajoute une phrase sur le jeu.", UserSession.Text((await pupil.GetPageAsync(article)).Document));
        using var parent = await SignInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetPageAsync(article)).Status);
    }

    [DbFact]
    public async Task PrivateBlog_Answers404ToOutsidersAndAnonymous_AndSaysNoindexToMembers()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        var article = await WriteAsync(teacher, blog, $"Privé {school.Tag}", "Réservé à la classe.");

        using var outsider = await SignInAsync(other.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetPageAsync(blog)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetPageAsync(article)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetPageAsync($"/classe/{school.ClassA.Id}/blog")).Status);
        using var anonymous = app.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetPageAsync(blog)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetPageAsync(article)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetPageAsync($"{blog}/rss.xml")).Status);

        using var parent = await SignInAsync(school.GuardianA);
        foreach (var url in new[] { blog, article })
        {
            using var response = await parent.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
            var (_, doc) = await parent.GetPageAsync(url);
            Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        }
    }

    [DbFact]
    public async Task PublicBlog_ReadAnonymously_FeedsCarryOnlyPublishedArticles()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        using var settings = await teacher.SubmitAsync($"{blog}/reglages", Kv([("Title", $"Blog {school.Tag}"), ("Visibility", "Public"), ("Moderation", "BeforePublication")]), "#settings-form");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        var published = $"Publié {school.Tag}";
        var article = await WriteAsync(teacher, blog, published, "<p>Bonjour <strong>à tous</strong></p>");
        await WriteAsync(teacher, blog, $"Brouillon {school.Tag}", "Pas fini.", intent: "draft");
        var future = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(3), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        await WriteAsync(teacher, blog, $"Programmé {school.Tag}", "Plus tard.", "publish", ("Input.PublishAt", future.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        using var pupil = await SignInAsync(school.PupilA);
        await WriteAsync(pupil, blog, $"Soumis {school.Tag}", "À valider.");

        using var anonymous = app.NewSession();
        using (var response = await anonymous.GetAsync(blog))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Robots-Tag"));
            var text = await UserSession.TextAsync(response);
            Assert.Contains(published, text);
            Assert.DoesNotContain($"Brouillon {school.Tag}", text);
            Assert.DoesNotContain($"Programmé {school.Tag}", text);
            Assert.DoesNotContain($"Soumis {school.Tag}", text);
        }
        var (status, doc) = await anonymous.GetPageAsync(article);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(doc.QuerySelector("meta[name=robots]"));
        Assert.Null(doc.QuerySelector("#comment-form"));
        // Management pages stay closed to visitors.
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetPageAsync($"{blog}/ecrire")).Status);

        foreach (var (feed, ns, entry) in new[] { ("rss.xml", XNamespace.None, "item"), ("atom.xml", (XNamespace)"http://www.w3.org/2005/Atom", "entry") })
        {
            using var response = await anonymous.GetAsync($"{blog}/{feed}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
            var titles = xml.Descendants(ns + entry).Select(e => e.Element(ns + "title")?.Value).ToList();
            Assert.Equal([published], titles);
        }
    }

    [DbFact]
    public async Task Comments_ModeratedBeforePublication_StayHiddenUntilApproved()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        var article = await WriteAsync(teacher, blog, $"Kermesse {school.Tag}", "Merci à tous.");
        using var parent = await SignInAsync(school.GuardianA);
        using var posted = await parent.SubmitAsync(article, Kv([("Body", "Bravo aux enfants !")]), "#comment-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("en attente", UserSession.Text((await parent.GetPageAsync(article)).Document), StringComparison.OrdinalIgnoreCase);

        using var pupil = await SignInAsync(school.PupilA);
        Assert.DoesNotContain("Bravo aux enfants", UserSession.Text((await pupil.GetPageAsync(article)).Document));
        using var anonymousPost = await app.NewSession().Client.PostAsync(article + "?handler=Comment", new FormUrlEncodedContent([new("Body", "spam")]));
        Assert.NotEqual(HttpStatusCode.Redirect, anonymousPost.StatusCode);

        var commentId = await app.WithDbAsync(db => db.BlogComments.Where(c => c.Body == "Bravo aux enfants !").Select(c => c.Id).SingleAsync());
        Assert.Contains("Bravo aux enfants", UserSession.Text((await teacher.GetPageAsync($"{blog}/a-valider")).Document));
        using var approve = await teacher.SubmitAsync($"{blog}/a-valider", Kv([("commentId", commentId.ToString())]), "form[action*='handler=Approve']");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("Bravo aux enfants", UserSession.Text((await pupil.GetPageAsync(article)).Document));
    }

    [DbFact]
    public async Task ReportedComment_ReachesTheModeratorsDesk_AndIsHiddenThere_NobodyReportsTheirOwn()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        await app.WithDbAsync(db => db.Blogs.Where(b => "/blogs/" + b.Slug == blog)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Moderation, CommentModeration.AfterPublication)));
        var article = await WriteAsync(teacher, blog, $"Sortie au musée {school.Tag}", "Nous avons vu des tableaux.");
        using var parent = await SignInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.Redirect, (await parent.SubmitAsync(article, Kv([("Body", "Un propos déplacé")]), "#comment-form")).StatusCode);
        var commentId = await app.WithDbAsync(db => db.BlogComments.Where(c => c.Body == "Un propos déplacé" && c.AuthorId == school.GuardianA.Id).Select(c => c.Id).SingleAsync());
        var reportComment = $"{article}/signaler?commentaire={commentId}";

        // Its author has no « Signaler » on it and is refused; the teacher's own article likewise for the teacher.
        var (_, own) = await parent.GetPageAsync(article);
        Assert.Null(own.QuerySelector($"a[href='{reportComment}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync(reportComment)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"{article}/signaler")).StatusCode);
        // Someone of another school cannot read the blog, so cannot report either.
        var other = await app.NewSchoolAsync();
        using var stranger = await SignInAsync(other.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(reportComment)).StatusCode);

        // A pupil of the class reports it, with a reason; twice files it once.
        using var pupil = await SignInAsync(school.PupilA);
        var (_, read) = await pupil.GetPageAsync(article);
        Assert.NotNull(read.QuerySelector($"a[href='{reportComment}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await pupil.SubmitAsync(reportComment, Kv([("Reason", "Ce n'est pas gentil")]), "#report-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await pupil.SubmitAsync(reportComment, Kv([("Reason", "")]), "#report-form")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.BlogReports.CountAsync(r => r.CommentId == commentId && r.ClosedAt == null)));
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(i => i.PersonId == school.TeacherA.Id && i.Url == $"{blog}/a-valider#signalements")));
        Assert.False(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(i => i.PersonId == school.GuardianA.Id && i.Url.EndsWith("#signalements"))));

        // The teacher finds it on the desk, without the reporter's name, and hides the comment.
        var (_, desk) = await teacher.GetPageAsync($"{blog}/a-valider");
        var entry = Assert.Single(desk.QuerySelectorAll("#signalements li.blog-report"));
        Assert.Contains("Un propos déplacé", entry.TextContent);
        Assert.Contains("Ce n'est pas gentil", entry.TextContent);
        Assert.DoesNotContain("EleveA", entry.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"{blog}/a-valider", [], "form[action*='handler=HideReported']")).StatusCode);
        Assert.Equal(CommentStatus.Hidden, await app.WithDbAsync(db => db.BlogComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.BlogReports.AnyAsync(r => r.CommentId == commentId && r.ClosedAt == null)));
        Assert.DoesNotContain("Un propos déplacé", UserSession.Text((await pupil.GetPageAsync(article)).Document));
        var (_, done) = await teacher.GetPageAsync($"{blog}/a-valider");
        Assert.Empty(done.QuerySelectorAll("#signalements li.blog-report"));

        // The article itself: reported by the pupil, kept by the teacher.
        Assert.Equal(HttpStatusCode.Redirect, (await pupil.SubmitAsync($"{article}/signaler", Kv([("Reason", "")]), "#report-form")).StatusCode);
        var (_, articleDesk) = await teacher.GetPageAsync($"{blog}/a-valider");
        Assert.Contains("Article signalé", Assert.Single(articleDesk.QuerySelectorAll("#signalements li.blog-report")).TextContent);
        Assert.Empty(articleDesk.QuerySelectorAll("#signalements form[action*='handler=HideReported']"));
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"{blog}/a-valider", [], "form[action*='handler=KeepReported']")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.BlogReports.AnyAsync(r => r.ArticleId != Guid.Empty && r.ReporterId == school.PupilA.Id && r.ClosedAt == null)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "blogs.report.kept" && e.ActorId == school.TeacherA.Id)));
    }

    [DbFact]
    public async Task RichText_ScriptsEventHandlersAndJavascriptLinks_AreRemoved()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        var title = $"XSS {school.Tag}";
        var article = await WriteAsync(teacher, blog, title,
            "<p>Texte <strong>gras</strong></p><script>alert(1)</script><img src=x onerror=\"alert(2)\">"
            + "<a href=\"javascript:alert(3)\">piège</a> <a href=\"https://example.org/\" onclick=\"alert(4)\">lien</a>"
            + "<img src=\"https://tracker.example/p.gif\"><p style=\"color:red\" onmouseover=\"alert(5)\">fin</p>");
        var body = await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == title).Select(a => a.Body).SingleAsync());
        Assert.DoesNotContain("script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>gras</strong>", body);
        Assert.Contains("href=\"https://example.org/\"", body);

        var (_, doc) = await teacher.GetPageAsync(article);
        var rendered = doc.QuerySelector(".blog-body")!;
        Assert.Empty(rendered.QuerySelectorAll("script, img, [onerror], [onclick], [onmouseover], [style]"));
        Assert.All(rendered.QuerySelectorAll("a"), a => Assert.StartsWith("https://", a.GetAttribute("href") ?? "https://", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task TaggedPupilWithoutPhotoAuthorisation_KeepsTheArticleFromThePublic_MembersStillReadIt()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == school.PupilA.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PhotoAllowed, false)));
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        await SetVisibilityAsync(blog, BlogVisibility.Public);
        var title = $"Photo de classe {school.Tag}";
        var (_, editor) = await teacher.GetPageAsync($"{blog}/ecrire");
        Assert.NotNull(editor.QuerySelector($"input[name='Input.Pupils'][value='{school.PupilA.Id}']"));

        using var response = await teacher.SubmitAsync($"{blog}/ecrire",
            [("Input.Title", title), ("Input.Body", "Toute la classe."), ("Input.Intent", "publish"), ("Input.Pupils", school.PupilA.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = response.Headers.Location!.OriginalString;
        // The author is warned on the article.
        var (_, page) = await teacher.GetPageAsync(article);
        Assert.Contains("reste visible des seuls membres", page.QuerySelector("main")!.TextContent);

        using var anonymous = app.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetPageAsync(article)).Status);
        Assert.DoesNotContain(title, UserSession.Text((await anonymous.GetPageAsync(blog)).Document));
        using (var rss = await anonymous.GetAsync($"{blog}/rss.xml"))
        {
            Assert.DoesNotContain(title, await rss.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain(title, UserSession.Text((await anonymous.GetPageAsync("/vitrine")).Document));
        using var parent = await SignInAsync(school.GuardianA);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetPageAsync(article)).Status);

        // Once the pupil is untagged, the article is public again.
        var id = await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
        using var fixedUp = await teacher.SubmitAsync($"{blog}/ecrire/{id}", [("Input.Title", title), ("Input.Body", "Toute la classe."), ("Input.Intent", "publish")]);
        Assert.Equal(HttpStatusCode.Redirect, fixedUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetPageAsync(article)).Status);
        Assert.NotNull((await anonymous.GetPageAsync("/vitrine")).Document.QuerySelector($"a[href='{blog}']"));
    }

    [DbFact]
    public async Task PublicClassBlog_SwitchedOffByTheTeacher_LeavesThePublicAndTheShowcase_AndComesBackWhenSwitchedOn()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        await SetVisibilityAsync(blog, BlogVisibility.Public);
        var article = await WriteAsync(teacher, blog, $"Carnaval {school.Tag}", "Les masques sont prêts.");
        var settings = $"/classe/{school.ClassA.Id}/services";
        string[] allButBlog = ["annuaire", "liaison", "agenda", "competences", "cahier-de-textes", "quiz", "albums", "documents", "forum"];

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(settings, Kv(allButBlog.Select(k => ("enabled", k))))).StatusCode);
        // The teacher's own next page reads the switches under the new stamp (and so, at once, for visitors too).
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetPageAsync(blog)).Status);

        using var anonymous = app.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetPageAsync(article)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{blog}/rss.xml")).StatusCode);
        Assert.Null((await anonymous.GetPageAsync("/vitrine")).Document.QuerySelector($"a[href='{blog}']"));

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(settings, Kv(allButBlog.Append("blog").Select(k => ("enabled", k))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetPageAsync(article)).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetPageAsync(article)).Status);
        Assert.NotNull((await anonymous.GetPageAsync("/vitrine")).Document.QuerySelector($"a[href='{blog}']"));
    }

    [DbFact]
    public async Task BlogIndex_QueryCount_DoesNotGrowWithArticles()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        await WriteAsync(teacher, blog, $"Un {school.Tag}", "Premier.");
        var one = await teacher.QueryCountAsync(blog);
        for (var i = 0; i < 4; i++)
        {
            await WriteAsync(teacher, blog, $"Encore {i} {school.Tag}", "Suivant.");
        }
        Assert.Equal(one, await teacher.QueryCountAsync(blog));
    }

    [DbFact]
    public async Task BlogIndex_PagedByTen_AndFilteredByCategory_NewestFirst_ForAFamilyAndTheInternet()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(school.TeacherA);
        var blog = await OpenClassBlogAsync(teacher, school.ClassA.Id);
        await SetVisibilityAsync(blog, BlogVisibility.Public);
        for (var i = 1; i <= 11; i++)
        {
            await WriteAsync(teacher, blog, $"Article {i:00} {school.Tag}", "Texte.");
        }
        var categoryId = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            var blogId = await db.BlogArticles.Where(a => a.Title == $"Article 01 {school.Tag}").Select(a => a.BlogId).SingleAsync();
            db.BlogCategories.Add(new BlogCategory { Id = categoryId, BlogId = blogId, Name = $"Sorties {school.Tag}" });
            await db.SaveChangesAsync();
            // Distinct publication times, so that « newest first » has one answer.
            var articles = await db.BlogArticles.Where(a => a.BlogId == blogId).ToListAsync();
            foreach (var a in articles)
            {
                a.PublishAt = a.PublishAt.AddMinutes(-100 + int.Parse(a.Title[8..10], System.Globalization.CultureInfo.InvariantCulture));
                a.CategoryId = a.Title.StartsWith("Article 02", StringComparison.Ordinal) || a.Title.StartsWith("Article 07", StringComparison.Ordinal) ? categoryId : null;
            }
            await db.SaveChangesAsync();
        });
        static List<string> Titles(AngleSharp.Dom.IDocument doc) => [.. doc.QuerySelectorAll("article.blog-summary h2, article.blog-summary h3").Select(h => h.TextContent.Trim())];

        using var parent = await SignInAsync(school.GuardianA);
        using var anonymous = app.NewSession();
        foreach (var reader in new[] { parent, anonymous })
        {
            var first = Titles((await reader.GetPageAsync(blog)).Document);
            Assert.Equal(10, first.Count);
            Assert.StartsWith("Article 11", first[0], StringComparison.Ordinal);
            Assert.StartsWith("Article 02", first[9], StringComparison.Ordinal);
            var second = Titles((await reader.GetPageAsync($"{blog}?page=2")).Document);
            Assert.Equal([$"Article 01 {school.Tag}"], second);
            var filtered = Titles((await reader.GetPageAsync($"{blog}?categorie={categoryId}")).Document);
            Assert.Equal([$"Article 07 {school.Tag}", $"Article 02 {school.Tag}"], filtered);
        }
    }
}
