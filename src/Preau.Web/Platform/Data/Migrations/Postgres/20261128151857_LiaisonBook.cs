using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiaisonBook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "liaison_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequiresBothGuardians = table.Column<bool>(type: "boolean", nullable: false),
                    ToWholeClass = table.Column<bool>(type: "boolean", nullable: false),
                    Question = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Choices = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_liaison_notes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "liaison_acknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    GuardianId = table.Column<Guid>(type: "uuid", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Answer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_liaison_acknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_liaison_acknowledgements_liaison_notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "liaison_notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "liaison_note_classes",
                columns: table => new
                {
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_liaison_note_classes", x => new { x.NoteId, x.ClassId });
                    table.ForeignKey(
                        name: "FK_liaison_note_classes_liaison_notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "liaison_notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "liaison_note_recipients",
                columns: table => new
                {
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_liaison_note_recipients", x => new { x.NoteId, x.PupilId });
                    table.ForeignKey(
                        name: "FK_liaison_note_recipients_liaison_notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "liaison_notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "liaison_replies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_liaison_replies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_liaison_replies_liaison_notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "liaison_notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_liaison_acknowledgements_NoteId_PupilId_GuardianId",
                table: "liaison_acknowledgements",
                columns: new[] { "NoteId", "PupilId", "GuardianId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_liaison_note_classes_ClassId",
                table: "liaison_note_classes",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_liaison_notes_CreatedAt",
                table: "liaison_notes",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_liaison_replies_NoteId_PupilId",
                table: "liaison_replies",
                columns: new[] { "NoteId", "PupilId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "liaison_acknowledgements");

            migrationBuilder.DropTable(
                name: "liaison_note_classes");

            migrationBuilder.DropTable(
                name: "liaison_note_recipients");

            migrationBuilder.DropTable(
                name: "liaison_replies");

            migrationBuilder.DropTable(
                name: "liaison_notes");
        }
    }
}
