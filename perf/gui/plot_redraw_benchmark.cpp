// Plot redraw rate for a 10-million-sample signal at full window width (1920 px): the min/max
// pyramid makes each redraw O(width). Prints redraws per second for the whole signal and for
// zoomed ranges (target: >= 30/s). Renders through QWidget::render into an image, i.e. the real
// paintEvent; runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
#include "v2gbench/gui/plot_widget.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>

#include <cmath>
#include <cstdio>
#include <random>

using v2gbench::gui::PlotWidget;
using v2gbench::gui::SignalSeries;

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;

    QElapsedTimer build;
    build.start();
    SignalSeries series("analyzer.dc_current", "A");
    series.reserve(n);
    std::mt19937 rng(1);
    std::normal_distribution<double> noise(0.0, 0.3);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) * 1e-4; // 10 kHz: 10 M samples = 1000 s
        series.append(t, 100.0 + 20.0 * std::sin(t * 0.05) + (i % 200000 < 100 ? 40.0 : 0.0) + noise(rng));
    }
    std::printf("samples: %zu, pyramid levels: %zu, build (append) %.0f ms\n", series.size(), series.levels(),
                static_cast<double>(build.elapsed()));

    PlotWidget plot;
    plot.resize(1920, 1000);
    plot.setLanes({{&series, QColor("#1f77b4"), {{95.0, 125.0}}, {{400.0, 460.0, "window"}}}});
    QImage image(plot.size(), QImage::Format_ARGB32_Premultiplied);

    auto measure = [&](const char* label, double t0, double t1) {
        plot.setTimeRange(t0, t1);
        plot.render(&image); // warm-up
        QElapsedTimer timer;
        timer.start();
        int frames = 0;
        while (timer.elapsed() < 2000) {
            plot.render(&image);
            ++frames;
        }
        const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        std::printf("%-34s %7.1f redraws/s  (%.2f ms per redraw, %d redraws)\n", label, frames / seconds,
                    1000.0 * seconds / frames, frames);
    };
    const double end = series.lastTime();
    measure("full signal (10 M samples)", 0.0, end);
    measure("zoom 1/10 (1 M samples)", end * 0.4, end * 0.5);
    measure("zoom 1/1000 (10 k samples)", end * 0.4, end * 0.401);
    measure("zoom to 2000 samples (raw line)", end * 0.4, end * 0.4 + 0.2);
    std::printf("target: >= 30 redraws/s at 1920 px\n");
    return 0;
}
