using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Quizzes;
using Preau.Web.Modules.Quizzes.Data;

namespace Preau.IntegrationTests.Quizzes;

/// <summary>Class quizzes over HTTP: building, the opening window, who takes and who sees, one attempt, results, copy and sharing.</summary>
public sealed class QuizTests(TestApp app)
{
    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>Another pupil of the class, with a guardian of their own.</summary>
    private static async Task<(TestAccount Pupil, TestAccount Guardian)> AddFamilyAsync(TestApp app, Guid classId, string name)
    {
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var pupil = people.Pupil(name);
        var guardian = people.Adult("Parent" + name, email: true);
        people.Member(pupil, Role.Pupil, ScopeType.Class, classId);
        people.Links.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupil.Id, Relationship = Relationship.Father });
        await app.WithDbAsync(people.SaveAsync);
        return (pupil, guardian);
    }

    private static async Task<Guid> CreateQuizAsync(TestApp app, UserSession teacher, Guid classId, string title)
    {
        var response = await teacher.SubmitAsync($"/classe/{classId}/quiz", [new("title", title)], "#new-quiz");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Quizzes.Where(q => q.Title == title).Select(q => q.Id).SingleAsync());
    }

    private static async Task AddQuestionAsync(UserSession teacher, Guid quizId, QuestionKind kind, string text, string[]? choices = null, int[]? correct = null,
        string? accepted = null, bool trueIsCorrect = true, string? explanation = null)
    {
        List<KeyValuePair<string, string>> fields = [new("Input.Kind", kind.ToString()), new("Input.Text", text), new("Input.TrueIsCorrect", trueIsCorrect ? "true" : "false")];
        for (var i = 0; i < (choices?.Length ?? 0); i++)
        {
            fields.Add(new($"Input.Choices[{i}].Text", choices![i]));
            if (correct?.Contains(i) == true)
            {
                fields.Add(new($"Input.Choices[{i}].IsCorrect", "true"));
            }
        }
        if (accepted is not null)
        {
            fields.Add(new("Input.AcceptedAnswers", accepted));
        }
        if (explanation is not null)
        {
            fields.Add(new("Input.Explanation", explanation));
        }
        var response = await teacher.SubmitAsync($"/quiz/{quizId}/question", fields, "#question-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> OpenAsync(UserSession teacher, Guid quizId, DateTime opensParis, DateTime? closesParis = null, bool retries = false,
        ExplanationTiming explanations = ExplanationTiming.AfterAnswering, params (string, string)[] extra)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.OpensAt", opensParis.ToString("yyyy-MM-dd'T'HH:mm")), new("Input.ClosesAt", closesParis?.ToString("yyyy-MM-dd'T'HH:mm") ?? ""),
            new("Input.AllowRetries", retries ? "true" : "false"), new("Input.Explanations", explanations.ToString()),
            .. extra.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)),
        ];
        if (!extra.Any(e => e.Item1 == "Input.ToWholeClass"))
        {
            fields.Add(new("Input.ToWholeClass", "true"));
        }
        var (_, page) = await teacher.GetPageAsync($"/quiz/{quizId}/modifier");
        fields.Add(new("Input.Title", page.QuerySelector("#Input_Title")!.GetAttribute("value")!));
        return await teacher.SubmitAsync($"/quiz/{quizId}/modifier", fields, "#quiz-settings");
    }

    private static DateTime ParisNow => Preau.Web.Platform.Time.ParisDate.ToParis(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A quiz with one question of each kind, open now to the whole class.</summary>
    private static async Task<Guid> FourKindsQuizAsync(TestApp app, UserSession teacher, Guid classId, string title, bool retries = false,
        ExplanationTiming explanations = ExplanationTiming.AfterAnswering)
    {
        var quizId = await CreateQuizAsync(app, teacher, classId, title);
        await AddQuestionAsync(teacher, quizId, QuestionKind.SingleChoice, "Combien font 2 + 2 ?", ["3", "4", "5"], [1], explanation: "2 + 2 = 4, compte sur tes doigts.");
        await AddQuestionAsync(teacher, quizId, QuestionKind.MultipleChoice, "Lesquels sont des animaux ?", ["Chat", "Table", "Chien"], [0, 2]);
        await AddQuestionAsync(teacher, quizId, QuestionKind.TrueFalse, "Le soleil est une étoile.", trueIsCorrect: true);
        await AddQuestionAsync(teacher, quizId, QuestionKind.ShortAnswer, "Quel animal a une trompe ?", accepted: "Éléphant\nelephant d'Afrique");
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(teacher, quizId, ParisNow.AddHours(-1), ParisNow.AddDays(2), retries, explanations)).StatusCode);
        return quizId;
    }

    /// <summary>The pupil's answers by question position: choice texts for choice questions, the typed text for short answers.</summary>
    private static async Task<HttpResponseMessage> AnswerAsync(TestApp app, UserSession pupil, Guid quizId, params string[][] answers)
    {
        var questions = await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.QuizId == quizId).OrderBy(q => q.Position).ToListAsync());
        var ids = questions.Select(q => q.Id).ToList();
        var choices = await app.WithDbAsync(db => db.QuizChoices.Where(c => ids.Contains(c.QuestionId)).ToListAsync());
        List<KeyValuePair<string, string>> fields = [];
        for (var i = 0; i < questions.Count && i < answers.Length; i++)
        {
            var q = questions[i];
            if (q.Kind == QuestionKind.ShortAnswer)
            {
                fields.Add(new($"t-{q.Id}", answers[i][0]));
                continue;
            }
            fields.AddRange(answers[i].Select(text => new KeyValuePair<string, string>($"q-{q.Id}", choices.Single(c => c.QuestionId == q.Id && c.Text == text).Id.ToString())));
        }
        // « recommencer » shows the form again when retries are allowed (and changes nothing on a first attempt).
        return await pupil.SubmitAsync($"/quiz/{quizId}?recommencer=true", fields, "#quiz-form");
    }

    [DbFact]
    public async Task PupilAnswersEachQuestionKind_ScoreFollowsTheRules_TeacherSeesResultsPerPupilAndPerQuestion()
    {
        var school = await app.NewSchoolAsync();
        var (pupil2, _) = await AddFamilyAsync(app, school.ClassA.Id, "Deux");
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"Quiz du lundi {school.Tag}");

        using var pupil = await SignInAsync(app, school.PupilA);
        var (status, list) = await pupil.GetPageAsync($"/classe/{school.ClassA.Id}/quiz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Quiz du lundi {school.Tag}", UserSession.Text(list));
        var (_, form) = await pupil.GetPageAsync($"/quiz/{quizId}");
        Assert.Contains("coche toutes les bonnes réponses, et seulement elles", UserSession.Text(form));

        // Right, only one of the two animals (no point), right, right with capitals, spaces and no accent.
        var response = await AnswerAsync(app, pupil, quizId, ["4"], ["Chat"], ["Vrai"], ["  ELEPHANT "]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attempt = await app.WithDbAsync(db => db.QuizAttempts.SingleAsync(t => t.QuizId == quizId));
        Assert.Equal((3, 4), (attempt.Score, attempt.Total));
        var (_, result) = await pupil.GetPageAsync($"/quiz/{quizId}");
        Assert.Contains("3 / 4", result.QuerySelector(".quiz-score")!.TextContent);
        Assert.Contains("compte sur tes doigts", UserSession.Text(result));

        var (_, results) = await teacher.GetPageAsync($"/quiz/{quizId}/resultats");
        Assert.Contains("3 / 4 (75 %)", results.QuerySelector($"#pupil-{school.PupilA.Id}")!.TextContent);
        Assert.Contains("Pas de réponse", results.QuerySelector($"#pupil-{pupil2.Id}")!.TextContent);
        var rates = results.QuerySelectorAll(".quiz-rates tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("100 % (1 / 1)", rates[0]);
        Assert.Contains("0 % (0 / 1)", rates[1]);
        Assert.Contains("100 % (1 / 1)", rates[3]);
        Assert.Contains("1 / 2", results.QuerySelector(".answered-summary")!.TextContent);
    }

    [DbFact]
    public async Task QuestionImage_IsShownToThePupilsOfTheQuiz_RefusedToOthers_NonImagesRefusedWithWhatWasTypedKept()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await CreateQuizAsync(app, teacher, school.ClassA.Id, $"Images {school.Tag}");
        List<(string, string)> fields = [("Input.Kind", nameof(QuestionKind.TrueFalse)), ("Input.Text", "Ce dessin est bleu."), ("Input.TrueIsCorrect", "true")];

        // A text file named like a picture: refused in French, the question typed is still there.
        var refused = await teacher.SubmitMultipartAsync($"/quiz/{quizId}/question", "#question-form", fields, [("image", "dessin.png", "pas une image"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("n'est pas une image", again.QuerySelector("main")!.TextContent);
        Assert.Equal("Ce dessin est bleu.", again.QuerySelector("#Input_Text")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.QuizQuestions.CountAsync(q => q.QuizId == quizId)));

        var jpeg = Albums.AlbumTests.Jpeg(120, 80, SkiaSharp.SKColors.Blue);
        var saved = await teacher.SubmitMultipartAsync($"/quiz/{quizId}/question", "#question-form", fields, [("image", "dessin.jpg", jpeg)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var imageId = await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.QuizId == quizId).Select(q => q.ImageFileId).SingleAsync());
        Assert.NotNull(imageId);
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(teacher, quizId, ParisNow.AddHours(-1), ParisNow.AddDays(1))).StatusCode);

        using var pupil = await SignInAsync(app, school.PupilA);
        var (_, take) = await pupil.GetPageAsync($"/quiz/{quizId}");
        var img = take.QuerySelector("#quiz-form img.quiz-image");
        Assert.NotNull(img);
        Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
        var served = await pupil.GetAsync(img.GetAttribute("src")!);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        // The files service re-encodes pictures (no camera metadata kept): the same picture, not the same bytes.
        using (var shown = SkiaSharp.SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((120, 80), (shown.Width, shown.Height));
        }

        // A pupil of another class and a family of another class get nothing.
        using var other = await SignInAsync(app, school.PupilB);
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync(img.GetAttribute("src")!)).StatusCode);

        // The teacher removes the picture: the file goes with it.
        var questionId = await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.QuizId == quizId).Select(q => q.Id).SingleAsync());
        var removed = await teacher.SubmitMultipartAsync($"/quiz/{quizId}/question/{questionId}", "#question-form", [.. fields, ("removeImage", "true")], []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.Id == questionId).Select(q => q.ImageFileId).SingleAsync()));
        Assert.NotEqual(HttpStatusCode.OK, (await pupil.GetAsync(img.GetAttribute("src")!)).StatusCode);
    }

    [DbFact]
    public async Task SecondAttempt_IsRefused_UnlessRetriesAreAllowed_ThenTheLatestCounts()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var once = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"Une fois {school.Tag}");
        var retry = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"Encore {school.Tag}", retries: true);
        using var pupil = await SignInAsync(app, school.PupilA);

        await AnswerAsync(app, pupil, once, ["3"]);
        var (_, page) = await pupil.GetPageAsync($"/quiz/{once}");
        Assert.Null(page.QuerySelector("#quiz-form"));
        // A replayed form post is refused on the server too.
        var questionId = await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.QuizId == once).OrderBy(q => q.Position).Select(q => q.Id).FirstAsync());
        var (_, retryForm) = await pupil.GetPageAsync($"/quiz/{retry}");
        var token = retryForm.QuerySelector("#quiz-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var replay = await pupil.Client.PostAsync($"/quiz/{once}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [$"t-{questionId}"] = "x" }));
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains(QuizActions.AlreadyDone, UserSession.Text((await pupil.GetPageAsync($"/quiz/{once}")).Document));
        Assert.Equal(1, await app.WithDbAsync(db => db.QuizAttempts.CountAsync(t => t.QuizId == once)));

        await AnswerAsync(app, pupil, retry, ["3"]);
        var (_, again) = await pupil.GetPageAsync($"/quiz/{retry}?recommencer=true");
        Assert.NotNull(again.QuerySelector("#quiz-form"));
        await AnswerAsync(app, pupil, retry, ["4"], ["Chat", "Chien"], ["Vrai"], ["éléphant d'afrique"]);
        Assert.Equal(2, await app.WithDbAsync(db => db.QuizAttempts.CountAsync(t => t.QuizId == retry)));
        var (_, results) = await teacher.GetPageAsync($"/quiz/{retry}/resultats");
        Assert.Contains("4 / 4", results.QuerySelector($"#pupil-{school.PupilA.Id}")!.TextContent);
    }

    [DbFact]
    public async Task OutsideTheWindow_AnswersAreRefusedWithAClearMessage()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"Fenêtre {school.Tag}");
        using var pupil = await SignInAsync(app, school.PupilA);
        var (_, form) = await pupil.GetPageAsync($"/quiz/{quizId}");
        var token = form.QuerySelector("#quiz-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The teacher closes it while the pupil's page is still open: the post is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(teacher, quizId, ParisNow.AddDays(-3), ParisNow.AddMinutes(-5))).StatusCode);
        var late = await pupil.Client.PostAsync($"/quiz/{quizId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var (_, page) = await pupil.GetPageAsync($"/quiz/{quizId}");
        Assert.Contains(QuizActions.NotOpen, UserSession.Text(page));
        Assert.Contains("Ce quiz est fermé depuis le", UserSession.Text(page));
        Assert.False(await app.WithDbAsync(db => db.QuizAttempts.AnyAsync(t => t.QuizId == quizId)));

        // Not yet open: the date is shown, no form.
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(teacher, quizId, ParisNow.AddDays(1))).StatusCode);
        (_, page) = await pupil.GetPageAsync($"/quiz/{quizId}");
        Assert.Contains("Ce quiz ouvrira le", UserSession.Text(page));
        Assert.Null(page.QuerySelector("#quiz-form"));
    }

    [DbFact]
    public async Task OtherClassPupil_OtherTeacher_AndOtherFamilies_GetNothing()
    {
        var school = await app.NewSchoolAsync();
        var (pupil2, guardian2) = await AddFamilyAsync(app, school.ClassA.Id, "Deux");
        using var teacher = await SignInAsync(app, school.TeacherA);
        var wholeClass = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"Classe {school.Tag}");
        var chosen = await CreateQuizAsync(app, teacher, school.ClassA.Id, $"Soutien {school.Tag}");
        await AddQuestionAsync(teacher, chosen, QuestionKind.TrueFalse, "2 + 2 = 4", trueIsCorrect: true);
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(teacher, chosen, ParisNow.AddHours(-1), extra: [("Input.ToWholeClass", "false"), ("Input.PupilIds", pupil2.Id.ToString())])).StatusCode);
        var draft = await CreateQuizAsync(app, teacher, school.ClassA.Id, $"Brouillon {school.Tag}");

        using var pupilA = await SignInAsync(app, school.PupilA);
        await AnswerAsync(app, pupilA, wholeClass, ["4"], ["Chat", "Chien"], ["Faux"], ["girafe"]);

        using var pupilB = await SignInAsync(app, school.PupilB);
        foreach (var url in new[] { $"/classe/{school.ClassA.Id}/quiz", $"/quiz/{wholeClass}", $"/quiz/{wholeClass}/resultats", $"/quiz/{wholeClass}/modifier" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await pupilB.GetAsync(url)).StatusCode);
        }
        using var teacherB = await SignInAsync(app, school.TeacherB);
        foreach (var url in new[] { $"/quiz/{wholeClass}/resultats", $"/quiz/{wholeClass}/modifier", $"/quiz/{wholeClass}/question" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync(url)).StatusCode);
        }

        // Pupil A: the whole-class quiz, not the one for pupil 2, not the draft.
        var (_, listA) = await pupilA.GetPageAsync($"/classe/{school.ClassA.Id}/quiz");
        Assert.DoesNotContain($"Soutien {school.Tag}", UserSession.Text(listA));
        Assert.DoesNotContain($"Brouillon {school.Tag}", UserSession.Text(listA));
        Assert.Equal(HttpStatusCode.NotFound, (await pupilA.GetAsync($"/quiz/{chosen}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pupilA.GetAsync($"/quiz/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pupilA.GetAsync($"/quiz/{wholeClass}/resultats")).StatusCode);

        // Pupil A's mother reads her daughter's result (read-only), not the class's results.
        using var guardianA = await SignInAsync(app, school.GuardianA);
        var (status, mine) = await guardianA.GetPageAsync($"/quiz/{wholeClass}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2 / 4", mine.QuerySelector(".quiz-score")!.TextContent);
        Assert.Null(mine.QuerySelector("#quiz-form"));
        Assert.Equal(HttpStatusCode.NotFound, (await guardianA.GetAsync($"/quiz/{wholeClass}/resultats")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guardianA.GetAsync($"/quiz/{chosen}")).StatusCode);

        // Pupil 2's father sees his son's (no answer yet), never pupil A's score.
        using var parent2 = await SignInAsync(app, guardian2);
        var (_, his) = await parent2.GetPageAsync($"/quiz/{wholeClass}");
        Assert.Null(his.QuerySelector(".quiz-score"));
        Assert.DoesNotContain("2 / 4", UserSession.Text(his));
        var (_, list2) = await parent2.GetPageAsync($"/classe/{school.ClassA.Id}/quiz");
        Assert.DoesNotContain("2 / 4", UserSession.Text(list2));
        // A guardian cannot answer in their child's place.
        var forged = await parent2.Client.PostAsync($"/quiz/{wholeClass}", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.QuizAttempts.AnyAsync(t => t.QuizId == wholeClass && t.PupilId == pupil2.Id)));
    }

    [DbFact]
    public async Task InvalidQuestion_IsRefusedWithAFrenchMessage_AndWhatWasTypedIsKept()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await CreateQuizAsync(app, teacher, school.ClassA.Id, $"Erreurs {school.Tag}");
        var response = await teacher.SubmitAsync($"/quiz/{quizId}/question",
            [new("Input.Kind", "SingleChoice"), new("Input.Text", "Quelle couleur ?"), new("Input.Choices[0].Text", "Rouge"), new("Input.Choices[1].Text", "Bleu")], "#question-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Cochez une seule bonne réponse", html);
        Assert.Contains("Quelle couleur ?", html);
        Assert.Contains("value=\"Bleu\"", html);
        Assert.False(await app.WithDbAsync(db => db.QuizQuestions.AnyAsync(q => q.QuizId == quizId)));

        // No opening without a question, and a closing date before the opening is refused.
        var open = await OpenAsync(teacher, quizId, ParisNow);
        Assert.Contains("Ajoutez au moins une question", await UserSession.TextAsync(open));
        await AddQuestionAsync(teacher, quizId, QuestionKind.TrueFalse, "Vrai ?", trueIsCorrect: false);
        var backwards = await OpenAsync(teacher, quizId, ParisNow, ParisNow.AddDays(-1));
        Assert.Contains("La date de fermeture doit être après", await UserSession.TextAsync(backwards));
        Assert.Null(await app.WithDbAsync(db => db.Quizzes.Where(q => q.Id == quizId).Select(q => q.OpensAt).SingleAsync()));
    }

    [DbFact]
    public async Task Teacher_ReordersAndDeletesQuestions_AndCopiesTheQuizToAnotherClassAsADraft()
    {
        var school = await app.NewSchoolAsync();
        var extra = new PeopleBatch(app, school.Tag);
        extra.Member(school.TeacherA, Role.Teacher, ScopeType.Class, school.ClassB.Id);
        await app.WithDbAsync(extra.SaveAsync);
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"À copier {school.Tag}");
        var ids = await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.QuizId == quizId).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync());

        await teacher.SubmitAsync($"/quiz/{quizId}/modifier", [new("questionId", ids[1].ToString()), new("direction", "-1")], $"#question-{ids[1]} form[action$='handler=move']");
        await teacher.SubmitAsync($"/quiz/{quizId}/modifier", [new("questionId", ids[3].ToString())], $"#question-{ids[3]} form[action$='handler=deletequestion']");
        var order = await app.WithDbAsync(db => db.QuizQuestions.Where(q => q.QuizId == quizId).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync());
        Assert.Equal([ids[1], ids[0], ids[2]], order);

        var copy = await teacher.SubmitAsync($"/quiz/{quizId}/modifier", [new("targetClassId", school.ClassB.Id.ToString())], "#copy-form");
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        var copied = await app.WithDbAsync(db => db.Quizzes.SingleAsync(q => q.ClassId == school.ClassB.Id && q.Title == $"À copier {school.Tag}"));
        Assert.Null(copied.OpensAt);
        Assert.Equal(3, await app.WithDbAsync(db => db.QuizQuestions.CountAsync(q => q.QuizId == copied.Id)));
        Assert.Equal(8, await app.WithDbAsync(db => db.QuizChoices.CountAsync(c => db.QuizQuestions.Any(q => q.Id == c.QuestionId && q.QuizId == copied.Id))));

        // Pupil B does not see the draft copy.
        using var pupilB = await SignInAsync(app, school.PupilB);
        Assert.DoesNotContain($"À copier {school.Tag}", UserSession.Text((await pupilB.GetPageAsync($"/classe/{school.ClassB.Id}/quiz")).Document));
    }
    [DbFact]
    public async Task QuizLinkedToASkill_ProposesPupilsAtTheThreshold_TeacherValidatesInOneClick()
    {
        var school = await app.NewSchoolAsync();
        var (pupil2, _) = await AddFamilyAsync(app, school.ClassA.Id, "Deux");
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await FourKindsQuizAsync(app, teacher, school.ClassA.Id, $"Compétences {school.Tag}");
        var (_, edit) = await teacher.GetPageAsync($"/quiz/{quizId}/modifier");
        var itemId = Guid.Parse(edit.QuerySelector("#skills-form input[name=itemIds]")!.GetAttribute("value")!);
        var link = await teacher.SubmitAsync($"/quiz/{quizId}/modifier", [new("itemIds", itemId.ToString()), new("threshold", "75")], "#skills-form");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);

        using var pupilA = await SignInAsync(app, school.PupilA);
        await AnswerAsync(app, pupilA, quizId, ["4"], ["Chat"], ["Vrai"], ["éléphant"]);
        using var second = await SignInAsync(app, pupil2);
        await AnswerAsync(app, second, quizId, ["3"], ["Chat"], ["Faux"], ["lion"]);

        var (_, results) = await teacher.GetPageAsync($"/quiz/{quizId}/resultats");
        Assert.NotNull(results.QuerySelector($"#proposal-{school.PupilA.Id}"));
        Assert.Null(results.QuerySelector($"#proposal-{pupil2.Id}"));
        var validate = await teacher.SubmitAsync($"/quiz/{quizId}/resultats", [], "#validate-skills");
        Assert.Equal(HttpStatusCode.Redirect, validate.StatusCode);
        var state = await app.WithDbAsync(db => db.SkillsValidations.Where(v => v.PupilId == school.PupilA.Id && v.ItemId == itemId).Select(v => v.State).SingleAsync());
        Assert.Equal(Preau.Web.Modules.Skills.Data.SkillState.Acquired, state);
        Assert.Equal(1, await app.WithDbAsync(db => db.SkillsValidationEvents.CountAsync(e => e.PupilId == school.PupilA.Id && e.ItemId == itemId)));
        Assert.False(await app.WithDbAsync(db => db.SkillsValidations.AnyAsync(v => v.PupilId == pupil2.Id)));
        // Once validated, the pupil is no longer proposed.
        Assert.Null((await teacher.GetPageAsync($"/quiz/{quizId}/resultats")).Document.QuerySelector($"#proposal-{school.PupilA.Id}"));
    }

    [DbFact]
    public async Task SharedQuiz_IsCopiedByAColleagueIntoTheirClass_PupilsCannotBrowseTheSharedList()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var quizId = await CreateQuizAsync(app, teacher, school.ClassA.Id, $"Partagé {school.Tag}");
        await AddQuestionAsync(teacher, quizId, QuestionKind.TrueFalse, "La Loire est un fleuve.", trueIsCorrect: true);
        Assert.Equal(HttpStatusCode.Redirect, (await OpenAsync(teacher, quizId, ParisNow, extra: [("Input.SharedInTerritory", "true")])).StatusCode);

        using var colleague = await SignInAsync(app, school.TeacherB);
        var (status, shared) = await colleague.GetPageAsync("/quiz/partages");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(shared.QuerySelector($"#shared-{quizId}"));
        var copy = await colleague.SubmitAsync("/quiz/partages", [new("quizId", quizId.ToString()), new("targetClassId", school.ClassB.Id.ToString())], $"#shared-{quizId} form");
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        var copied = await app.WithDbAsync(db => db.Quizzes.SingleAsync(q => q.ClassId == school.ClassB.Id && q.Title == $"Partagé {school.Tag}"));
        Assert.False(copied.SharedInTerritory);
        Assert.Null(copied.OpensAt);
        // Into a class they do not teach: refused.
        var intrusion = await colleague.SubmitAsync("/quiz/partages", [new("quizId", quizId.ToString()), new("targetClassId", school.ClassA.Id.ToString())], $"#shared-{quizId} form");
        Assert.Equal(HttpStatusCode.NotFound, intrusion.StatusCode);

        using var pupil = await SignInAsync(app, school.PupilA);
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync("/quiz/partages")).StatusCode);
    }
}
