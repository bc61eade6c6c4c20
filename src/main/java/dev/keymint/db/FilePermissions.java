package dev.keymint.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Owner-only folders and files for the embedded MariaDB: its data files hold every secret hash,
 * and its option file the root password. Set at every start, so that a folder created by an
 * earlier version, or loosened by hand, is closed again.
 */
final class FilePermissions {

    private static final String FOLDER = "rwx------";
    private static final String FILE = "rw-------";

    private FilePermissions() {
    }

    static void ownerOnlyFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(FOLDER));
    }

    static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(FILE));
    }

    static void createOwnerOnlyFile(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE)));
    }
}
