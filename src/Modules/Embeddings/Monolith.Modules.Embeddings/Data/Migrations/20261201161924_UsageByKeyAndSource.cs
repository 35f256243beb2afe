using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Embeddings.Data.Migrations
{
    /// <inheritdoc />
    public partial class UsageByKeyAndSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_user_id",
                schema: "embeddings",
                table: "usage");

            // What was "tokens" is what the texts were: input. Output is 0 for embeddings; "inputs" (texts) is not kept.
            migrationBuilder.RenameColumn(
                name: "tokens",
                schema: "embeddings",
                table: "usage",
                newName: "input_tokens");

            migrationBuilder.DropColumn(
                name: "inputs",
                schema: "embeddings",
                table: "usage");

            migrationBuilder.AddColumn<int>(
                name: "output_tokens",
                schema: "embeddings",
                table: "usage",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "api_key_id",
                schema: "embeddings",
                table: "usage",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                schema: "embeddings",
                table: "usage",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "api");

            migrationBuilder.CreateIndex(
                name: "IX_usage_created_at",
                schema: "embeddings",
                table: "usage",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_usage_user_id_created_at",
                schema: "embeddings",
                table: "usage",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_created_at",
                schema: "embeddings",
                table: "usage");

            migrationBuilder.DropIndex(
                name: "IX_usage_user_id_created_at",
                schema: "embeddings",
                table: "usage");

            migrationBuilder.DropColumn(
                name: "api_key_id",
                schema: "embeddings",
                table: "usage");

            migrationBuilder.DropColumn(
                name: "source",
                schema: "embeddings",
                table: "usage");

            migrationBuilder.DropColumn(
                name: "output_tokens",
                schema: "embeddings",
                table: "usage");

            migrationBuilder.RenameColumn(
                name: "input_tokens",
                schema: "embeddings",
                table: "usage",
                newName: "tokens");

            migrationBuilder.AddColumn<int>(
                name: "inputs",
                schema: "embeddings",
                table: "usage",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_usage_user_id",
                schema: "embeddings",
                table: "usage",
                column: "user_id");
        }
    }
}
