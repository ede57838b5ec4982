package dev.hypersphere.experiment;

import dev.hypersphere.eval.plot.Figure;
import java.awt.Graphics2D;
import java.util.List;

/** Several figures side by side in rows, drawn as one (the papers' multi-panel figures). */
public final class FigureGrid {

    private FigureGrid() {}

    /** Panels in row-major order, {@code columns} per row; each panel gets an equal cell. */
    public static Figure of(List<Figure> panels, int columns) {
        return (g, width, height) -> {
            int rows = (panels.size() + columns - 1) / columns;
            int cellW = width / columns;
            int cellH = height / rows;
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create();
                try {
                    cell.translate((i % columns) * cellW, (i / columns) * cellH);
                    cell.clipRect(0, 0, cellW, cellH);
                    panels.get(i).draw(cell, cellW, cellH);
                } finally {
                    cell.dispose();
                }
            }
        };
    }
}
