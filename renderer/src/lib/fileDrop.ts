/**
 * A drop target for files (the criterion panel, the candidature documents): `dragOver` while files hover it, and
 * the props to spread on the element. Other drags (text, links) are left alone; leaving a child does not end it.
 */
import { useState, type DragEvent } from 'react';

export function useFileDrop(onFiles: (files: File[]) => void): {
  dragOver: boolean;
  dropProps: { onDragOver: (e: DragEvent) => void; onDragLeave: (e: DragEvent) => void; onDrop: (e: DragEvent) => void };
} {
  const [dragOver, setDragOver] = useState(false);
  return {
    dragOver,
    dropProps: {
      onDragOver: (e) => {
        if (Array.from(e.dataTransfer.types).includes('Files')) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragOver(true);
        }
      },
      onDragLeave: (e) => {
        if (e.currentTarget === e.target) setDragOver(false);
      },
      onDrop: (e) => {
        e.preventDefault();
        setDragOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      },
    },
  };
}
