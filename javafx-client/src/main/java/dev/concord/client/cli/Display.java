package dev.concord.client.cli;

/** Whether a desktop app can open a window here, and what to do when it cannot. */
final class Display {
    static final String HELP = "the desktop app needs a display (DISPLAY is not set) and, on Linux, GTK 3."
            + " On a machine without a desktop run it under a virtual one:\n"
            + "  apt-get install -y xvfb libgtk-3-0   # once\n"
            + "  xvfb-run -a bin/concord gui\n"
            + "For scripts and headless use, start only the cluster: bin/concord up --no-gui";

    private Display() {
    }

    static boolean available() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return true; // macOS and Windows always have a window system
        }
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        return (display != null && !display.isBlank()) || (wayland != null && !wayland.isBlank())
                || "Monocle".equals(System.getProperty("glass.platform"));
    }
}
